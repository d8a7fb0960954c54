// Parses Mermaid diagrams with Mermaid's own parser (`mermaid.parse`), for
// test/mermaid.test.ts: mermaid is an ES module with a DOM-bound sanitizer, so
// it runs here, in its own Node process, on a jsdom window. Reads a JSON array
// of diagram texts on stdin; prints a JSON array of "ok" or the parse error.
import { JSDOM } from "jsdom";

const { window } = new JSDOM("");
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import("mermaid");

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const diagram of JSON.parse(input)) {
    try {
        await mermaid.parse(diagram);
        results.push("ok");
    } catch (e) {
        results.push(String(e?.message ?? e));
    }
}
process.stdout.write(JSON.stringify(results));
