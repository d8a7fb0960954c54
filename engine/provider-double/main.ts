// The provider double's plugin entry point: the engine starts it, reads the
// port from the first line of stdout, and talks gRPC to it.
import { loadSchema } from "./schema";
import { ProviderDouble, serve } from "./server";

serve(new ProviderDouble(loadSchema())).then(
    (port) => process.stdout.write(`${port}\n`),
    (error: unknown) => {
        process.stderr.write(`provider double: ${String(error)}\n`);
        process.exit(1);
    },
);
