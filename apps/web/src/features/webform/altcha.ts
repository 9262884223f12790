/**
 * The ALTCHA proof-of-work widget, in its strict-CSP build: no inline workers, the SHA worker is a file of our
 * own origin (Vite `?worker`), the stylesheet is bundled.
 */
import 'altcha/external';
import 'altcha/altcha.css';
import 'altcha/i18n/zh-cn';
import 'altcha/i18n/en';
import ShaWorker from 'altcha/workers/sha?worker';
import type {} from 'altcha/types/react';

for (const algorithm of ['SHA-256', 'SHA-384', 'SHA-512'])
  globalThis.$altcha.algorithms.set(algorithm, () => new ShaWorker());
