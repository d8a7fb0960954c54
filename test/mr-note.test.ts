import * as http from "http";
import type { AddressInfo } from "net";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { noteBody, upsert, marker } = require("../scripts/ci/mr-note.js") as {
    noteBody: (stack: string, status: string, preview: string, jobUrl?: string) => string;
    upsert: (args: { api: string; project: string; mr: string; token: string; stack: string; body: string }) => Promise<"created" | "updated">;
    marker: (stack: string) => string;
};

/** A merge request's notes endpoint, as GitLab serves it, in memory. */
async function notesServer(notes: Array<{ id: number; body: string }>) {
    const calls: string[] = [];
    const server = http.createServer((req, res) => {
        let text = "";
        req.on("data", (d: Buffer) => (text += d));
        req.on("end", () => {
            calls.push(`${req.method} ${req.url?.split("?")[0]} ${req.headers["private-token"]}`);
            const url = new URL(req.url ?? "", "http://x");
            const id = Number(/\/notes\/(\d+)$/.exec(url.pathname)?.[1]);
            if (req.method === "GET") {
                res.end(JSON.stringify([...notes].reverse()));
                return;
            }
            const body = (JSON.parse(text) as { body: string }).body;
            if (req.method === "POST") notes.push({ id: notes.length + 1, body });
            else notes.find((n) => n.id === id)!.body = body;
            res.end("{}");
        });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return { api: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`, calls, close: () => server.close() };
}

describe("scripts/ci/mr-note.js", () => {
    const args = (api: string, stack: string, body: string) => ({ api, project: "42", mr: "7", token: "note-token", stack, body });

    it("creates one note per stack, then updates that note on the next push instead of adding another", async () => {
        const notes = [{ id: 1, body: "a reviewer's comment" }];
        const gitlab = await notesServer(notes);
        try {
            expect(await upsert(args(gitlab.api, "prod", noteBody("prod", "0", "first preview")))).toBe("created");
            expect(await upsert(args(gitlab.api, "dev", noteBody("dev", "0", "dev preview")))).toBe("created");
            expect(await upsert(args(gitlab.api, "prod", noteBody("prod", "1", "second preview")))).toBe("updated");
            expect(notes.map((n) => n.body.split("\n")[0])).toEqual(["a reviewer's comment", marker("prod"), marker("dev")]);
            expect(notes[1].body).toContain("second preview");
            expect(notes[1].body).toContain("FAILED (exit 1)");
            expect(gitlab.calls.filter((c) => !c.startsWith("GET"))).toEqual(["POST /api/v4/projects/42/merge_requests/7/notes note-token", "POST /api/v4/projects/42/merge_requests/7/notes note-token", "PUT /api/v4/projects/42/merge_requests/7/notes/2 note-token"]);
        } finally {
            gitlab.close();
        }
    });

    it("keeps the end of a long preview and links the job", () => {
        const body = noteBody("dev", "0", "x".repeat(70000), "https://gitlab.example.com/job/1");
        expect(body).toContain("output cut to its last 60000 characters");
        expect(body.length).toBeLessThan(61000);
        expect(body).toContain("[Job log](https://gitlab.example.com/job/1)");
        expect(body).toContain("Stack `dev`: offline check and `pulumi preview` passed");
    });
});
