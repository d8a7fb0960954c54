// The provider double's plugin entry point: the engine starts it, reads the
// port from the first line of stdout, and talks gRPC to it.
import { fullSchemaSubset, subsetSchema } from "../../src/contract/schemaConformance";
import { ProviderDouble, serve } from "./server";

serve(new ProviderDouble(fullSchemaSubset() ?? subsetSchema())).then(
    (port) => process.stdout.write(`${port}\n`),
    (error: unknown) => {
        process.stderr.write(`provider double: ${String(error)}\n`);
        process.exit(1);
    },
);
