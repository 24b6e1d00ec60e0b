package io.meridian.dashboard.web;

/** HTML for the dashboard's pages: escaping, and the one layout every page shares. */
final class Html {
    static final String HTMX = "/webjars/htmx.org/2.0.10/dist/htmx.min.js";
    static final String HTMX_SSE = "/webjars/htmx-ext-sse/2.2.2/sse.js";

    private Html() {
    }

    /** Escapes text for element content and quoted attributes: names and values come from operators and clients. */
    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** A whole page: head with the stylesheet and htmx, the navigation when someone is logged in, then the body. */
    static String page(String title, String user, String csrf, String body) {
        String nav = user == null ? "" : "<nav><a href=\"/ui\">Overview</a><a href=\"/ui/zones\">Zones</a><a href=\"/ui/health\">Health</a><a href=\"/ui/log\">Query log</a>"
                + "<a href=\"/ui/explain\">Explain</a>"
                + "<form method=post action=\"/logout\" class=logout><input type=hidden name=csrf value=\"" + escape(csrf) + "\">"
                + "<span>" + escape(user) + "</span><button>Log out</button></form></nav>";
        return "<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport content=\"width=device-width\">"
                + "<title>" + escape(title) + " · Meridian</title><style>" + CSS + "</style>"
                + "<script src=\"" + HTMX + "\"></script><script src=\"" + HTMX_SSE + "\"></script></head>"
                + "<body" + (csrf == null ? "" : " hx-headers='{\"X-CSRF-Token\": \"" + escape(csrf) + "\"}'") + ">"
                + "<header><h1>Meridian</h1>" + nav + "</header><main>" + body + "</main></body></html>";
    }

    private static final String CSS = """
            body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2530;background:#f5f7fa}
            header{display:flex;align-items:center;gap:2rem;padding:.6rem 1.5rem;background:#1d2b3a;color:#fff}
            header h1{font-size:1.15rem;margin:0;letter-spacing:.04em}
            nav{display:flex;align-items:center;gap:1.2rem;flex:1}
            nav a{color:#cfe3ff;text-decoration:none}nav a:hover{text-decoration:underline}
            .logout{margin-left:auto;display:flex;gap:.6rem;align-items:center}
            main{max-width:960px;margin:1.5rem auto;padding:0 1.5rem}
            section{background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:1rem 1.25rem;margin-bottom:1.25rem}
            h2{font-size:1.05rem;margin:0 0 .8rem}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #eef1f4}
            th{font-weight:600;color:#4a5666;font-size:.85rem;text-transform:uppercase;letter-spacing:.03em}
            form.inline{display:flex;gap:.6rem;flex-wrap:wrap;align-items:end}
            label{display:flex;flex-direction:column;font-size:.85rem;color:#4a5666;gap:.2rem}
            input,select{font:inherit;padding:.35rem .5rem;border:1px solid #c5ced8;border-radius:4px;height:2.2rem;box-sizing:border-box}
            button{font:inherit;padding:.4rem .9rem;border:0;border-radius:4px;background:#2d6cdf;color:#fff;cursor:pointer}
            .error{color:#b3261e;margin:.5rem 0}.ok{color:#1e7b34}.down{color:#b3261e}
            .chosen{background:#e8f3ea}.muted{color:#6b7785}
            .login{max-width:360px;margin:4rem auto}.login form{display:flex;flex-direction:column;gap:.8rem}
            .log{font:12.5px/1.5 ui-monospace,monospace;max-height:32rem;overflow:auto}
            .logline{border-bottom:1px solid #f0f2f5;padding:.15rem 0;overflow-wrap:anywhere}.logline .extras{color:#2d6cdf}
            .actions{white-space:nowrap}.action{display:inline;margin-right:.3rem}
            button.small{padding:.15rem .5rem;font-size:.8rem;background:#5a6b80}
            .columns{display:grid;grid-template-columns:1fr 1fr;gap:1.25rem}
            table.numbers td:not(:first-child){font-variant-numeric:tabular-nums}
            tr.sub td{border-bottom:1px solid #dde3ea}
            .notok{color:#8a4b00}
            .check-head{display:flex;align-items:center;gap:.6rem;flex-wrap:wrap}.check-head .actions{margin-left:auto}
            .badge{padding:.05rem .6rem;border-radius:999px;font-size:.8rem;font-weight:600;background:#e3f1e6}
            .badge.down{background:#fbe4e2}.tag{display:inline-block;font-size:.78rem;padding:.05rem .45rem;border-radius:3px;background:#eef1f4;color:#4a5666}
            .timeline{display:flex;align-items:center;gap:1rem;flex-wrap:wrap;margin:.75rem 0 .5rem}
            .ticks .pass{fill:#2e9e4f}.ticks .fail{fill:#d23f31}.ticks .empty{fill:#eef1f4}.ticks rect:hover{opacity:.65}
            .latency{font-size:.85rem}p.facts{margin:0}dl.facts{display:grid;grid-template-columns:8rem 1fr;gap:.3rem .8rem;margin:0;font-size:.9rem}
            .facts dt{color:#4a5666}.facts dd{margin:0}.facts ul{margin:0;padding:0;list-style:none}
            p.summary{margin:0}.check a,p.summary a{color:#2d6cdf}
            .title-row{display:flex;align-items:baseline;gap:1rem;margin-bottom:.8rem}.title-row h2{margin:0;flex:1}
            .title-row h2 a{text-decoration:none}a.button{padding:.35rem .8rem;border-radius:4px;background:#2d6cdf;color:#fff;text-decoration:none}
            .actions a{margin-left:.8rem}.danger{color:#b3261e}button.danger{background:#b3261e;color:#fff}
            td.num,th.num{text-align:right}td.name,.rrsets th{white-space:nowrap}td.answer{font:13px/1.4 ui-monospace,monospace;overflow-wrap:anywhere}
            .filter{margin-bottom:.8rem}.pager{display:flex;gap:1rem;justify-content:flex-end;padding-top:.6rem}
            .notice{background:#e8f3ea;border:1px solid #b9dcc1;border-radius:6px;padding:.6rem 1rem;margin:0 0 1.25rem}
            .record-form .row{display:flex;gap:1rem;flex-wrap:wrap;align-items:flex-start;margin-bottom:.9rem}
            fieldset{border:1px solid #dde3ea;border-radius:6px;padding:.6rem 1rem 0;margin:0 0 .9rem}legend{font-size:.85rem;color:#4a5666}
            .choice{display:flex;gap:1.5rem;margin-bottom:.7rem}label.check{flex-direction:row;align-items:center;gap:.4rem;color:#1d2530}
            .with-suffix{display:flex;align-items:center;gap:.3rem}.suffix{color:#6b7785}
            textarea{font:13px/1.4 ui-monospace,monospace;padding:.35rem .5rem;border:1px solid #c5ced8;border-radius:4px}
            .field-error,.group-error{display:block;color:#b3261e;font-size:.8rem;max-width:26rem}
            label.invalid input,label.invalid select,label.invalid textarea{border-color:#b3261e;background:#fff6f5}
            .buttons{display:flex;gap:1rem;align-items:center;margin-top:.4rem}form.stacked{display:flex;flex-direction:column;gap:.8rem}
            .record-form label>*{align-self:flex-start}.pair{display:flex;gap:.4rem}
            """;
}
