import { codeOwnerApprovalWithCodeowners as policy } from "../../policy/policies";
import { UNKNOWN_VALUE, urnOfFake, violationsOf } from "../../src/check/policyArgs";
import { component, project, protection, repositoryFile } from "./support/fixtures";

describe("code-owner-approval-with-codeowners", () => {
    it("passes a managed CODEOWNERS file on a branch that requires code owner approval", async () => {
        expect(await violationsOf(policy, [project(), protection(), repositoryFile("CODEOWNERS")])).toEqual([]);
    });

    it("does not apply to a project without a managed CODEOWNERS file", async () => {
        const noCodeOwners = protection({ codeOwnerApprovalRequired: false });
        expect(await violationsOf(policy, [project(), noCodeOwners, repositoryFile("README.md")])).toEqual([]);
    });

    it.each([".gitlab/CODEOWNERS", "docs/CODEOWNERS", "CODEOWNERS"])("flags %s when the branch protection does not require code owners", async (path) => {
        const weak = protection({ codeOwnerApprovalRequired: false });
        const found = await violationsOf(policy, [project(), weak, repositoryFile(path)]);
        expect(found).toEqual([expect.objectContaining({ level: "mandatory", urn: urnOfFake(weak), message: expect.stringContaining(`${path} is managed on branch "main" of project acme-ml/models/fraud`) })]);
    });

    it("counts an unset codeOwnerApprovalRequired as GitLab's default, false", async () => {
        expect(await violationsOf(policy, [project(), protection({ codeOwnerApprovalRequired: undefined }), repositoryFile("CODEOWNERS")])).toHaveLength(1);
    });

    it("flags a CODEOWNERS file on a branch no protection covers, at the file", async () => {
        const file = repositoryFile("CODEOWNERS", { branch: "develop" });
        const found = await violationsOf(policy, [project(), protection(), file]);
        expect(found).toEqual([expect.objectContaining({ urn: urnOfFake(file), message: expect.stringContaining("no BranchProtection protects that branch") })]);
    });

    it("matches the file to its own project", async () => {
        const elsewhere = repositoryFile("CODEOWNERS", { project: "202" }, { parent: undefined, name: "other-codeowners" });
        const found = await violationsOf(policy, [project(), protection(), elsewhere]);
        expect(found.map((v) => v.message)).toEqual([expect.stringContaining("of project 202")]);
    });

    it("reads other CODEOWNERS locations from config", async () => {
        const weak = protection({ codeOwnerApprovalRequired: false });
        const file = repositoryFile("meta/OWNERS");
        expect(await violationsOf(policy, [project(), weak, file])).toEqual([]);
        expect(await violationsOf(policy, [project(), weak, file], { codeownersPaths: ["meta/OWNERS"] })).toHaveLength(1);
    });

    describe("in a preview", () => {
        const previewFile = repositoryFile("CODEOWNERS", { project: UNKNOWN_VALUE, branch: UNKNOWN_VALUE });
        const previewProject = project({ id: UNKNOWN_VALUE });

        it("skips a protection whose setting is unknown", async () => {
            const unknown = protection({ project: UNKNOWN_VALUE, branch: UNKNOWN_VALUE, codeOwnerApprovalRequired: UNKNOWN_VALUE });
            expect(await violationsOf(policy, [component(), previewProject, unknown, previewFile])).toEqual([]);
        });

        it("counts a protection it cannot place yet as possibly the project's", async () => {
            const unplaced = (required: boolean) => protection({ project: UNKNOWN_VALUE, codeOwnerApprovalRequired: required }, { parent: undefined, name: "top-level-protection" });
            expect(await violationsOf(policy, [component(), previewProject, unplaced(true), previewFile])).toEqual([]);
            expect(await violationsOf(policy, [component(), previewProject, unplaced(false), previewFile])).toHaveLength(1);
        });

        it("still flags it when every protection of the project is known not to require code owners", async () => {
            const weak = protection({ project: UNKNOWN_VALUE, branch: UNKNOWN_VALUE, codeOwnerApprovalRequired: false });
            expect(await violationsOf(policy, [component(), previewProject, weak, previewFile])).toHaveLength(1);
        });
    });
});
