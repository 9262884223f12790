// Writes reliability/xss-payloads.jsonl, the stored-XSS corpus of reliability/xss.rel.ts: one JSON string per
// line. Run `npx tsx reliability/xss-payloads.gen.ts` after changing it and commit both files.
//
// Every payload that executes calls a probe with its own number (line number, 1-based): `__xss(n)` (installed
// in every frame by the suite), or
// `alert(n)`/`confirm(n)`/`prompt(n)` in the dialog variants, so a run names the payload that ran. The corpus is
// hand-collected classics crossed with systematic variants: <script>, event handlers on many tags, javascript:/
// data:/vbscript: URLs with case/entity/whitespace/encoding tricks on many carriers, SVG (animate, set, use,
// foreignObject), mutation XSS (noscript/style/template/textarea/title/xmp parsing differentials, math/svg
// namespace confusion), attribute and string breakouts, CSS, markdown links and Unicode/RTL tricks.
import { writeFileSync } from 'node:fs';

/** A payload template: `J` is the JavaScript to run (the probe call), `n` its number. */
type Template = (j: string, n: number) => string;

const templates: Template[] = [];
const add = (...t: Template[]) => templates.push(...t);

// --- <script> -------------------------------------------------------------------------------------------------
add(
  (j) => `<script>${j}</script>`,
  (j) => `<ScRiPt>${j}</sCrIpT>`,
  (j) => `<script type="text/javascript">${j}</script>`,
  (j) => `<script type="module">${j}</script>`,
  (j) => `<script >${j}</script >`,
  (j) => `<script/x>${j}</script>`,
  (j) => `<script\t>${j}</script>`,
  (j) => `<script\n>${j}</script\n>`,
  (j) => `<script>/*</script><script>${j}</script>`,
  (j) => `<<script>${j}//<</script>`,
  (j) => `<scr<script>ipt>${j}</scr</script>ipt>`,
  (j) => `<script src="data:text/javascript,${encodeURIComponent(j)}"></script>`,
  (j) => `<script src=data:,${j}></script>`,
  (j) => `<script>eval(atob('${Buffer.from(j).toString('base64')}'))</script>`,
  (j) => `<script>\u2028${j}</script>`,
  (j) => `<script>setTimeout('${j}')</script>`,
  (j) => `<script>[].constructor.constructor('${j}')()</script>`,
  (j) => `<script>window['ev'+'al']('${j}')</script>`,
  (j) => `<script>${j.replace('__xss', '\\u005f_xss')}</script>`,
  (j) => `<script>-${j}-</script>`,
  (j) => `</script><script>${j}</script>`,
  (j) => `</title><script>${j}</script>`,
  (j) => `</textarea><script>${j}</script>`,
  (j) => `</style><script>${j}</script>`,
  (j) => `</noscript><script>${j}</script>`,
  (j) => `<!--><script>${j}</script>-->`,
  (j) => `<div><script>${j}</script></div>`,
  (j) => `<p>hello<script>${j}</script>world</p>`,
);

// --- event handlers on many tags -------------------------------------------------------------------------------
const autoFiring: Array<(h: string) => string> = [
  (h) => `<img src=x ${h}>`,
  (h) => `<img src="x:x" ${h}>`,
  (h) => `<image src=x ${h}>`,
  (h) => `<svg ${h}>`,
  (h) => `<svg><g ${h}></g></svg>`,
  (h) => `<body ${h}>`,
  (h) => `<details open ${h}>`,
  (h) => `<video src=x ${h}>`,
  (h) => `<video><source src=x ${h}></video>`,
  (h) => `<audio src=x ${h}>`,
  (h) => `<input autofocus ${h}>`,
  (h) => `<select autofocus ${h}>`,
  (h) => `<textarea autofocus ${h}></textarea>`,
  (h) => `<button autofocus ${h}>x</button>`,
  (h) => `<a href=# autofocus ${h}>x</a>`,
  (h) => `<div tabindex=1 autofocus ${h}>x</div>`,
  (h) => `<iframe ${h}></iframe>`,
  (h) => `<object data=x ${h}></object>`,
  (h) => `<embed src=x ${h}>`,
  (h) => `<style ${h}></style>`,
  (h) => `<link rel=stylesheet href=x ${h}>`,
  (h) => `<marquee ${h}>x</marquee>`,
  (h) => `<frameset ${h}>`,
  (h) => `<table background=x ${h}>`,
  (h) => `<input type=image src=x ${h}>`,
  (h) => `<div style="animation:spin 1s" ${h}>x</div>`,
  (h) => `<p ${h}>x</p>`,
  (h) => `<a ${h}>x</a>`,
  (h) => `<span ${h}>x</span>`,
  (h) => `<td ${h}>x</td>`,
];
const handlerNames = [
  'onerror',
  'onload',
  'ontoggle',
  'onfocus',
  'onstart',
  'onanimationstart',
  'onmouseover',
  'onpageshow',
  'onfocusin',
  'onbeforetoggle',
];
// Each carrier with its natural event, then every handler spelling variant on the img/svg carriers.
const naturalEvent = [
  'onerror',
  'onerror',
  'onerror',
  'onload',
  'onload',
  'onload',
  'ontoggle',
  'onerror',
  'onerror',
  'onerror',
  'onfocus',
  'onfocus',
  'onfocus',
  'onfocus',
  'onfocus',
  'onfocus',
  'onload',
  'onerror',
  'onerror',
  'onload',
  'onerror',
  'onstart',
  'onload',
  'onerror',
  'onerror',
  'onanimationstart',
  'onmouseover',
  'onmouseover',
  'onmouseover',
  'onmouseover',
];
autoFiring.forEach((carrier, i) => {
  const ev = naturalEvent[i] ?? 'onerror';
  add(
    (j) => carrier(`${ev}=${j}`),
    (j) => carrier(`${ev}="${j}"`),
    (j) => carrier(`${ev}='${j}'`),
    (j) => carrier(`${ev.toUpperCase()}=${j}`),
    (j) => carrier(`${ev}\n=\n"${j}"`),
    (j) => carrier(`x ${ev}=${j}//`),
  );
});
for (const h of handlerNames) {
  add(
    (j) => `<img src=x ${h}=${j}>`,
    (j) => `<svg ${h}=${j}>`,
    (j) => `<details open ${h}=${j}>`,
    (j) => `<input autofocus ${h}=${j}>`,
  );
}
add(
  (j) => `<img/src=x/onerror=${j}>`,
  (j) => `<img src=x onerror=${j}//`,
  (j) => `<img src=x onerror=&#${j.charCodeAt(0)};${j.slice(1)}>`,
  (j) => `<img src=x onerror="&#x${j.charCodeAt(0).toString(16)};${j.slice(1)}">`,
  (j) => `<img src=x onerror="${[...j].map((c) => `&#${c.charCodeAt(0)};`).join('')}">`,
  (j) => `<img src=x onerror=eval('${j.replace(/[a-z]/g, (c) => `\\x${c.charCodeAt(0).toString(16)}`)}')>`,
  (j) => `<img src=x onerror=\u0000${j}>`.replace('\u0000', ''),
  (j) => `<img src=\`x\` onerror=${j}>`,
  (j) => `<img src="x" alt="" onerror="${j}" />`,
  (j) => `<img src=x onerror=${j} onerror=${j}>`,
  (_j, n) => `<img src=x:alert(alt) onerror=eval(src) alt=${n}>`,
  (j) => `<img src onerror=${j}>`,
  (j) => `<img src="" onerror=${j}>`,
  (j) => `<img srcset=x onerror=${j}>`,
  (j) => `<picture><source srcset=x><img src=x onerror=${j}></picture>`,
  (j) => `<svg><image href=x onerror=${j}></svg>`,
  (j) => `<svg><image xlink:href=x onerror=${j}></svg>`,
  (j) => `<svg><feImage href=x onerror=${j}></svg>`,
  (j) => `<body onpageshow=${j}>`,
  (j) => `<input onfocus=${j} autofocus>`,
  (j) => `<keygen autofocus onfocus=${j}>`,
  (j) => `<isindex type=image src=x onerror=${j}>`,
  (j) => `<form><input autofocus onfocus=${j}></form>`,
  (j) => `<div contenteditable autofocus onfocus=${j}>x</div>`,
  (j) => `<iframe srcdoc="<script>${j}</script>"></iframe>`,
  (j) => `<iframe srcdoc="&lt;img src=x onerror=${j}&gt;"></iframe>`,
  (j) => `<iframe srcdoc='<svg onload=${j}>'></iframe>`,
  (j) => `<iframe src="data:text/html,<script>${j}</script>"></iframe>`,
  (j) => `<object data="data:text/html,<script>${j}</script>"></object>`,
  (j) => `<embed src="data:text/html,<script>${j}</script>">`,
  (j) => `<meta http-equiv="refresh" content="0;url=javascript:${j}">`,
  (j) => `<base href="javascript:${j}//">`,
  (j) => `<video poster=javascript:${j}//></video>`,
  (j) =>
    `<div popover id=pp onbeforetoggle=${j}>x</div><button popovertarget=pp autofocus onfocus=this.click()>o</button>`,
  (j) => `<style>@keyframes x{}</style><div style="animation-name:x" onanimationstart=${j}>x</div>`,
  (j) => `<style>@keyframes x{}</style><b style="animation-name:x" onanimationend=${j}>x</b>`,
  (j) => `<div style="transition:color 1s" ontransitionrun=${j}>x</div>`,
  (j) => `<x onclick=${j} style="display:block;position:fixed;inset:0">x</x>`,
);

// --- javascript:, data:, vbscript: URLs on many carriers --------------------------------------------------------
const schemes: Array<(j: string) => string> = [
  (j) => `javascript:${j}`,
  (j) => `JaVaScRiPt:${j}`,
  (j) => ` javascript:${j}`,
  (j) => `\tjavascript:${j}`,
  (j) => `java\tscript:${j}`,
  (j) => `java\nscript:${j}`,
  (j) => `java&#x09;script:${j}`,
  (j) => `jav&#x0A;ascript:${j}`,
  (j) => `javascript&colon;${j}`,
  (j) => `&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${j}`,
  (j) => `&#x6A;avascript:${j}`,
  (j) => `&#0000106avascript:${j}`,
  (j) => `\u0001javascript:${j}`,
  (j) => `javascript://%0a${j}`,
  (j) =>
    `javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/"/+/onmouseover=1/+/[*/[]/+${j}//'>`,
  (j) => `javascript:${encodeURIComponent(j)}`,
  (j) => `javascript:void(${j})`,
  (j) => `data:text/html,<script>${j}</script>`,
  (j) => `data:text/html;base64,${Buffer.from(`<script>${j}</script>`).toString('base64')}`,
  (j) => `DATA:text/html,<img src=x onerror=${j}>`,
  (j) => `data:image/svg+xml,<svg onload=${j}>`,
  (j) => `vbscript:${j}`,
  (j) => `VBScript:${j}`,
];
const carriers: Array<(u: string) => string> = [
  (u) => `<a href="${u}">click</a>`,
  (u) => `<a href='${u}'>click</a>`,
  (u) => `<a href=${u.replace(/ /g, '%20')}>click</a>`,
  (u) => `<iframe src="${u}"></iframe>`,
  (u) => `<form action="${u}"><button>go</button></form>`,
  (u) => `<svg><a xlink:href="${u}"><text y=20>click</text></a></svg>`,
  (u) => `<math href="${u}">click</math>`,
  (u) => `<button formaction="${u}">go</button>`,
  (u) => `<area href="${u}">`,
  (u) => `[click](${u.replace(/ /g, '%20')})`,
  (u) => `<object data="${u}"></object>`,
];
for (const carrier of carriers) for (const scheme of schemes) add((j) => carrier(scheme(j)));

// --- SVG --------------------------------------------------------------------------------------------------------
add(
  (j) => `<svg><animate onbegin=${j} attributeName=x dur=1s>`,
  (j) => `<svg><set onbegin=${j} attributename=x to=1>`,
  (j) => `<svg><set attributeName=onload to=${j} /></svg>`,
  (j) => `<svg><animate onend=${j} attributeName=x dur=0.1s>`,
  (j) => `<svg><discard onbegin=${j}>`,
  (j) => `<svg><animate attributeName=href values=javascript:${j} /><a id=a><text y=20>x</text></a></svg>`,
  (j) => `<svg><a><animate attributeName=href values=javascript:${j} /><text y=20>x</text></a></svg>`,
  (j) =>
    `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='${j}' /></svg>#x"></use></svg>`,
  (j) => `<svg><foreignObject><img src=x onerror=${j}></foreignObject></svg>`,
  (j) => `<svg><foreignObject><iframe srcdoc="<script>${j}</script>"></iframe></foreignObject></svg>`,
  (j) => `<svg><script>${j}</script></svg>`,
  (j) => `<svg><script href="data:,${j}" /></svg>`,
  (j) => `<svg><script xlink:href="data:,${j}"></script></svg>`,
  (j) => `<svg><script>&#${j.charCodeAt(0)};${j.slice(1)}</script></svg>`,
  (j) => `<svg><style><img src=x onerror=${j}></style></svg>`,
  (j) => `<svg><title><img src=x onerror=${j}></title></svg>`,
  (j) => `<svg><desc><img src=x onerror=${j}></desc></svg>`,
  (j) => `<svg/onload=${j}>`,
  (j) => `<svg\nonload=${j}>`,
  (j) => `<svg onload=${j}//`,
  (j) => `<svg><svg onload=${j}>`,
  (j) => `<svg><handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">${j}</handler></svg>`,
  (j) => `<svg xmlns="http://www.w3.org/2000/svg" onload="${j}"/>`,
  (j) => `<svg><image href="javascript:${j}" /></svg>`,
  (j) => `<svg><a href="javascript:${j}"><rect width=100 height=100 /></a></svg>`,
);

// --- mutation XSS: parsing differentials ------------------------------------------------------------------------
add(
  (j) => `<noscript><p title="</noscript><img src=x onerror=${j}>"></noscript>`,
  (j) => `<noscript><style></noscript><img src=x onerror=${j}></style></noscript>`,
  (j) => `<style><img src=x onerror=${j}></style>`,
  (j) => `<style></style><img src=x onerror=${j}>`,
  (j) => `<template><img src=x onerror=${j}></template>`,
  (j) => `<template><script>${j}</script></template>`,
  (j) => `<textarea><img src=x onerror=${j}></textarea>`,
  (j) => `<textarea></textarea><img src=x onerror=${j}>`,
  (j) => `<title><img src=x onerror=${j}></title>`,
  (j) => `<title></title><img src=x onerror=${j}>`,
  (j) => `<xmp><img src=x onerror=${j}></xmp>`,
  (j) => `<xmp></xmp><img src=x onerror=${j}>`,
  (j) => `<noembed><img src=x onerror=${j}></noembed>`,
  (j) => `<noembed><img title="</noembed><img src=x onerror=${j}>"></noembed>`,
  (j) => `<noframes><img title="</noframes><img src=x onerror=${j}>"></noframes>`,
  (j) => `<iframe><img title="</iframe><img src=x onerror=${j}>"></iframe>`,
  (j) => `<plaintext><img src=x onerror=${j}>`,
  (j) => `<!--<img src=x onerror=${j}>-->`,
  (j) => `<!-- --!><img src=x onerror=${j}> -->`,
  (j) => `<!--><img src=x onerror=${j}>-->`,
  (j) => `<!---><img src=x onerror=${j}>-->`,
  (j) => `<![CDATA[><img src=x onerror=${j}>]]>`,
  (j) => `<?xml ><img src=x onerror=${j}>?>`,
  (j) => `<!DOCTYPE <img src=x onerror=${j}>>`,
  (j) => `</p><img src=x onerror=${j}>`,
  (j) => `<p title="</p><img src=x onerror=${j}>">x</p>`,
  (j) => `<a title="<img src=x onerror=${j}>">x</a>`,
  (j) => `<a href="https://example.com/" title="&quot;><img src=x onerror=${j}>">x</a>`,
  (j) => `<math><mtext><table><mglyph><style><img src=x onerror=${j}>`,
  (j) =>
    `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=${j}&gt;">`,
  (j) => `<svg></p><style><a id="</style><img src=1 onerror=${j}>">`,
  (j) => `<svg><p><style><a id="</style><img src=1 onerror=${j}>">`,
  (j) => `<math><style><img src=x onerror=${j}></style></math>`,
  (j) => `<math><mi><svg><style><img src=x onerror=${j}></style></svg></mi></math>`,
  (j) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${j}>`,
  (j) =>
    `<math><annotation-xml encoding="text/html"><style><img src=x onerror=${j}></style></annotation-xml></math>`,
  (j) => `<svg><foreignobject><p><style><img src=x onerror=${j}></style></p></foreignobject></svg>`,
  (j) => `<table><caption><svg><style><img src=x onerror=${j}>`,
  (j) => `<select><template><style><img src=x onerror=${j}></style></template></select>`,
  (j) => `<select><iframe srcdoc="<script>${j}</script>"></select>`,
  (j) =>
    `<div id="1"><form id="test"></form><button form="test" formaction="javascript:${j}">X</button>//["'\`-->]]>]</div>`,
  (j) => `<table><tr><td><img src=x onerror=${j}></td></tr></table>`,
  (j) => `<table><img src=x onerror=${j}></table>`,
  (j) => `<b><table><a href=x><img src=x onerror=${j}></b>`,
  (j) => `<ul><li><img src=x onerror=${j}></li></ul>`,
  (j) => `<blockquote><pre><code><img src=x onerror=${j}></code></pre></blockquote>`,
  (j) => `<scri<!-- -->pt>${j}</script>`,
  (j) => `<im<b>g src=x onerror=${j}>`,
  (j) => `<<img src=x onerror=${j}>>`,
  (j) => `<img src=x onerror=${j} <b>`,
  (j) => `<img """><script>${j}</script>">`,
  (j) => `<a href="https://example.com/"><img src=x onerror=${j}></a>`,
  (j) => `<a href="https://example.com/" onmouseover=${j}>x</a>`,
  (j) => `<a href="https://example.com/&quot; onmouseover=&quot;${j}">x</a>`,
  (j) => `<a href="https://example.com/" rel="x" target="_blank" onfocus=${j} autofocus>x</a>`,
  (j) => `<a href="mailto:a@b.c?subject=<img src=x onerror=${j}>">x</a>`,
  (j) => `<a href="http://x/#<img src=x onerror=${j}>">x</a>`,
  (j) => `<a href="//example.com/" onmouseover=${j}>x</a>`,
);

// --- attribute and string breakouts ---------------------------------------------------------------------------
const breakouts: Array<(p: string) => string> = [
  (p) => `"><${p}`,
  (p) => `'><${p}`,
  (p) => `"/><${p}`,
  (p) => `</a><${p}`,
  (p) => `</span><${p}`,
  (p) => `</div><${p}`,
  (p) => `</td></tr></table><${p}`,
  (p) => `</option></select><${p}`,
  (p) => `]]><${p}`,
  (p) => `--><${p}`,
  (p) => `*/<${p}`,
  (p) => `\`><${p}`,
];
for (const b of breakouts) {
  add(
    (j) => b(`img src=x onerror=${j}>`),
    (j) => b(`svg onload=${j}>`),
    (j) => b(`script>${j}</script>`),
  );
}
add(
  (j) => `" onmouseover="${j}`,
  (j) => `' onmouseover='${j}`,
  (j) => `" autofocus onfocus="${j}" x="`,
  (j) => `' autofocus onfocus='${j}' x='`,
  (j) => `" onerror="${j}" src="x`,
  (j) => `x" style="animation-name:spin" onanimationstart="${j}`,
  (j) => `\\"-${j}-\\"`,
  (j) => `'-${j}-'`,
  (j) => `";${j};//`,
  (j) => `';${j};//`,
  (j) => `\${${j}}`,
  (j) => `{{constructor.constructor('${j}')()}}`,
  (j) => `{{$on.constructor('${j}')()}}`,
  (j) => `<%= ${j} %>`,
  (j) => `</script><script>${j}</script>`,
  (j) => `\u2028${j}//`,
  (j) => `javascript:${j}`,
);

// --- CSS --------------------------------------------------------------------------------------------------------
add(
  (j) => `<div style="background:url(javascript:${j})">x</div>`,
  (j) => `<div style="background-image:url('javascript:${j}')">x</div>`,
  (j) => `<div style="width:expression(${j})">x</div>`,
  (j) => `<div style="x:\\65 xpression(${j})">x</div>`,
  (j) => `<style>@import 'javascript:${j}';</style>`,
  (j) => `<style>body{background:url("javascript:${j}")}</style>`,
  (j) => `<style>*{behavior:url(#default#time2)}</style><b onbegin=${j}>x</b>`,
  (j) => `<link rel=stylesheet href="javascript:${j}">`,
  (j) => `<link rel=import href="data:text/html,<script>${j}</script>">`,
  (j) => `<div style="-moz-binding:url(data:text/xml,${j})">x</div>`,
  (j) => `<span style="position:fixed;inset:0" onmouseover=${j}>x</span>`,
  (j) => `<p style="color:red;</p><img src=x onerror=${j}>">x</p>`,
);

// --- markdown link tricks -------------------------------------------------------------------------------------
add(
  (j) => `[click](javascript:${j})`,
  (j) => `[click](JaVaScRiPt:${j})`,
  (j) => `[click](javascript&#58;${j})`,
  (j) => `[click](  javascript:${j})`,
  (j) => `[click](<javascript:${j}>)`,
  (j) => `[click]( javascript:${j} "title")`,
  (j) => `![img](x" onerror="${j})`,
  (j) => `![img](javascript:${j})`,
  (j) => `[click](data:text/html,<script>${j}</script>)`,
  (j) => `<javascript:${j}>`,
  (j) => `[click][r]\n\n[r]: javascript:${j}`,
  (j) => `[<img src=x onerror=${j}>](https://example.com)`,
  (j) => `[x](https://example.com "<img src=x onerror=${j}>")`,
  (j) => `\`\`\`html\n<img src=x onerror=${j}>\n\`\`\``,
  (j) => `<details><summary>x</summary><img src=x onerror=${j}></details>`,
);

// --- Unicode, RTL and encoding tricks --------------------------------------------------------------------------
add(
  (j) => `\u202e<img src=x onerror=${j}>`,
  (j) => `<img src=x onerror=${j}\u200b>`,
  (j) => `<img\u00a0src=x\u00a0onerror=${j}>`,
  (j) => `<img\u000csrc=x\u000conerror=${j}>`,
  (j) => `<img\u000dsrc=x\u000donerror=${j}>`,
  (j) => `＜script＞${j}＜/script＞`,
  (j) => `＜img src=x onerror=${j}＞`,
  (j) => `\uff1cscript\uff1e${j}\uff1c/script\uff1e`,
  (j) => `%3Cscript%3E${j}%3C/script%3E`,
  (j) => `%253Cscript%253E${j}%253C/script%253E`,
  (j) => `&lt;script&gt;${j}&lt;/script&gt;`,
  (j) => `&amp;lt;script&amp;gt;${j}&amp;lt;/script&amp;gt;`,
  (j) => `&#60;script&#62;${j}&#60;/script&#62;`,
  (j) => `&#x3c;img src=x onerror=${j}&#x3e;`,
  (j) => `\\u003cscript\\u003e${j}\\u003c/script\\u003e`,
  (j) => `\\x3cscript\\x3e${j}\\x3c/script\\x3e`,
  (j) => `+ADw-script+AD4-${j}+ADw-/script+AD4-`,
  (j) => `<scr\u0131pt>${j}</scr\u0131pt>`,
  (j) => `<ſcript>${j}</ſcript>`,
  (j) => `<İmg src=x onerror=${j}>`,
  (j) => `<img src=x onerror=${j.replace('(', '\u2028(')}>`,
  (j) => `<a href="\u2028javascript:${j}">x</a>`,
  (j) => `<a href="java\u0000script:${j}">x</a>`.replace('\u0000', '\u0001'),
  (j) => `<img src=x onerror="\\u005f_xss(${j.match(/\d+/)?.[0] ?? 0})">`,
  (j) => `工单 <img src=x onerror=${j}> 设备无法开机`,
  (j) => `您好\u202e<svg onload=${j}>\u202c谢谢`,
  (j) => `<img src=x onerror=${j}>`.repeat(2),
);

// --- dialogs: the alert/confirm/prompt classics (the probe number is the dialog's message) ----------------------
const dialogs: Template[] = [
  (_j, n) => `<script>alert(${n})</script>`,
  (_j, n) => `<img src=x onerror=alert(${n})>`,
  (_j, n) => `<svg onload=alert(${n})>`,
  (_j, n) => `<svg/onload=confirm(${n})>`,
  (_j, n) => `<body onload=prompt(${n})>`,
  (_j, n) => `<details open ontoggle=alert(${n})>`,
  (_j, n) => `<iframe src="javascript:alert(${n})"></iframe>`,
  (_j, n) => `<iframe srcdoc="<script>parent.alert(${n})</script>"></iframe>`,
  (_j, n) => `<a href="javascript:alert(${n})">x</a>`,
  (_j, n) => `<input autofocus onfocus=alert(${n})>`,
  (_j, n) => `<img src=x onerror=alert\`${n}\`>`,
  (_j, n) => `<img src=x onerror=window.onerror=alert;throw ${n}>`,
  (_j, n) => `<img src=x onerror=top['al'+'ert'](${n})>`,
  (_j, n) => `<img src=x onerror=(alert)(${n})>`,
  (_j, n) => `<img src=x onerror=[${n}].find(alert)>`,
  (_j, n) => `<img src=x onerror=self[atob('YWxlcnQ=')](${n})>`,
  (_j, n) => `<svg><animate onbegin=alert(${n}) attributeName=x dur=1s>`,
  (_j, n) => `<video><source onerror=alert(${n})></video>`,
  (_j, n) => `<marquee onstart=confirm(${n})>x</marquee>`,
  (_j, n) => `"><script>prompt(${n})</script>`,
];

// --- expand -----------------------------------------------------------------------------------------------------
const payloads: string[] = [];
const push = (t: Template) => {
  const n = payloads.length + 1;
  payloads.push(t(`__xss(${n})`, n));
};
for (const t of templates) push(t);
for (const t of dialogs) push(t);
// A second round: each template wrapped in common surroundings (a paragraph, a Chinese sentence, a quote), so
// the corpus also exercises the payloads mid-text, where sanitisers and parsers are in another state.
const wrappers: Array<(p: string) => string> = [
  (p) => `<p>${p}</p>`,
  (p) => `客户反馈：${p}，请尽快处理。`,
  (p) => `> ${p}`,
];
templates.forEach((t, i) => {
  const w = wrappers[i % wrappers.length] as (p: string) => string;
  push((j, n) => w(t(j, n)));
});

const unique = [...new Set(payloads)];
if (unique.length !== payloads.length) throw new Error('duplicate payloads: make the templates differ');
writeFileSync(
  new URL('./xss-payloads.jsonl', import.meta.url),
  `${payloads.map((p) => JSON.stringify(p)).join('\n')}\n`,
);
console.log(`wrote ${payloads.length} payloads to reliability/xss-payloads.jsonl`);
