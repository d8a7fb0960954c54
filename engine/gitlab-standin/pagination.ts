// Offset pagination as https://docs.gitlab.com/api/rest/#offset-based-pagination
// documents it: `page` (default 1), `per_page` (default 20, max 100), and the
// x-page / x-per-page / x-next-page / x-prev-page / x-total / x-total-pages and
// Link (prev, next, first, last) headers on every list response.
import type { Ctx, Reply } from "./context";

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

function positive(value: string | null, fallback: number): number {
    const n = value === null ? NaN : Number(value);
    return Number.isInteger(n) && n >= 1 ? n : fallback;
}

export function paginate<T>(ctx: Ctx, items: readonly T[], render: (item: T) => unknown): Reply {
    // Out-of-range values fall back to the defaults; per_page is capped at 100.
    const perPage = Math.min(positive(ctx.params.str("per_page") ?? null, DEFAULT_PER_PAGE), MAX_PER_PAGE);
    const page = positive(ctx.params.str("page") ?? null, 1);
    const total = items.length;
    const totalPages = Math.max(1, Math.ceil(total / perPage));
    const slice = items.slice((page - 1) * perPage, page * perPage);

    const link = (p: number) => {
        const u = new URL(ctx.url.pathname + ctx.url.search, ctx.origin);
        u.searchParams.set("page", String(p));
        u.searchParams.set("per_page", String(perPage));
        return `<${u.toString()}>`;
    };
    const links: string[] = [];
    if (page > 1) links.push(`${link(page - 1)}; rel="prev"`);
    if (page < totalPages) links.push(`${link(page + 1)}; rel="next"`);
    links.push(`${link(1)}; rel="first"`, `${link(totalPages)}; rel="last"`);

    return {
        status: 200,
        body: slice.map(render),
        headers: {
            // GitLab sends the next/prev headers empty when there is no such page.
            "x-next-page": page < totalPages ? String(page + 1) : "",
            "x-page": String(page),
            "x-per-page": String(perPage),
            "x-prev-page": page > 1 ? String(page - 1) : "",
            "x-total": String(total),
            "x-total-pages": String(totalPages),
            link: links.join(", "),
        },
    };
}
