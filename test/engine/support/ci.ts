// The pipeline's jobs as GitLab resolves them: shared with `npm run sandbox` (engine/ciJob.ts).
export { ciJob, ciPolicyArgs, INSTALL_LINE, type CiJob } from "../../../engine/ciJob";
