import * as fs from "fs";
import * as path from "path";

/** `policy/config/<stack>.json`, the pack config `.gitlab-ci.yml` passes for that stack, when there is one. */
export function packConfigPath(root: string, stack: string): string | undefined {
    const file = path.join(root, "policy", "config", `${stack}.json`);
    return fs.existsSync(file) ? file : undefined;
}
