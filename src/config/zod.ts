import { z } from "zod";

// zod compiles a parser for each object schema (`new Function`) on its first
// parse. A stack is parsed once per `preview`, so that compile is never paid
// back: jitless, parsing a 1-repository stack takes about 23 ms instead of
// 36 ms, and a 500-repository one the same 160 ms either way (measured with
// the bench's generated fleets). Read when a schema is constructed, so every
// schema file imports `z` from here, never from "zod" itself.
z.config({ jitless: true });

export { z };
