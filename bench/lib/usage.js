// @ts-check
"use strict";
/** Peak RSS, and CPU time over the whole process (less sensitive than wall time to other load on the machine). */
function usage() {
    const u = process.resourceUsage();
    return { maxRssMB: u.maxRSS / 1024, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 };
}
module.exports = { usage };
