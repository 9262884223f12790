import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/**
 * An HTTP receiver on 127.0.0.1 for webhook and bot tests: it records every request and answers from a queue
 * (the last answer repeats; 200 `{}` when none was given).
 */
export class Receiver {
  readonly requests: Received[] = [];
  private answers: Answer[] = [];
  private server: http.Server;
  port = 0;

  constructor() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const answer = (this.answers.length > 1 ? this.answers.shift() : this.answers[0]) ?? {
          status: 200,
          body: '{}',
        };
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body ?? '');
      });
    });
  }

  static async start(...answers: Answer[]): Promise<Receiver> {
    const r = new Receiver();
    r.answers = answers;
    await new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve));
    r.port = (r.server.address() as AddressInfo).port;
    return r;
  }

  answer(...answers: Answer[]): void {
    this.answers = answers;
  }

  url(path = '/'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
