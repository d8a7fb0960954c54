import * as pulumi from "@pulumi/pulumi";
import { invokeOptions } from "./provider";

/** The inputs of `gitlab:index/getUser:getUser` that this program uses. */
export interface GetUserArgs {
    email?: string;
    userId?: number;
    username?: string;
}

/** The outputs of `gitlab:index/getUser:getUser` that this program reads. */
export interface GetUserResult {
    readonly id: string;
    readonly name: string;
    readonly userId: number;
    readonly username: string;
}

export function getUser(args: GetUserArgs, opts?: pulumi.InvokeOptions): Promise<GetUserResult> {
    return pulumi.runtime.invoke("gitlab:index/getUser:getUser", { ...args }, invokeOptions(opts));
}

/** The inputs of `gitlab:index/getGroup:getGroup`. */
export interface GetGroupArgs {
    fullPath?: string;
    groupId?: number;
}

/** The outputs of `gitlab:index/getGroup:getGroup` that this program reads. */
export interface GetGroupResult {
    readonly fullPath: string;
    readonly groupId: number;
    readonly id: string;
    readonly name: string;
    readonly webUrl: string;
}

export function getGroup(args: GetGroupArgs, opts?: pulumi.InvokeOptions): Promise<GetGroupResult> {
    return pulumi.runtime.invoke("gitlab:index/getGroup:getGroup", { ...args }, invokeOptions(opts));
}

/** The inputs of `gitlab:index/getProject:getProject`. */
export interface GetProjectArgs {
    id?: string;
    pathWithNamespace?: string;
}

/** The outputs of `gitlab:index/getProject:getProject` that this program reads. */
export interface GetProjectResult {
    readonly defaultBranch: string;
    readonly id: string;
    readonly name: string;
    readonly pathWithNamespace: string;
    readonly webUrl: string;
}

export function getProject(args: GetProjectArgs, opts?: pulumi.InvokeOptions): Promise<GetProjectResult> {
    return pulumi.runtime.invoke("gitlab:index/getProject:getProject", { ...args }, invokeOptions(opts));
}
