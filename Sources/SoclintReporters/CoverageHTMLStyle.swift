extension CoverageHTMLReporter {
  /// The page's only style sheet, inline. System fonts only; patterns are gradients, not
  /// images; `print-color-adjust: exact` keeps fills and patterns on paper, and borders and
  /// words carry every status where they do not survive.
  static let style = """
    :root {
      --ink: #1b2333; --muted: #5a6477; --faint: #8a93a3; --line: #d8dde6; --wash: #f4f6f9;
      --paper: #ffffff; --navy: #15243f; --navy-2: #24406b; --accent: #2f6fdf;
      --ok: #17794a; --ok-bg: #e3f3ea; --warn: #9a5800; --warn-bg: #fff1d2;
      --bad: #b0281f; --bad-bg: #fde6e3; --plan: #2a58a8; --plan-bg: #e6eeff;
      --grey: #6b7280; --grey-bg: #f1f2f4;
      -webkit-print-color-adjust: exact; print-color-adjust: exact;
    }
    * { box-sizing: border-box; }
    html { background: var(--wash); }
    body {
      margin: 0; color: var(--ink); font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial,
        "Liberation Sans", "Noto Sans", system-ui, sans-serif;
      font-variant-numeric: tabular-nums;
    }
    code { font: 0.86em/1.3 ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
    h2 { font-size: 1.3rem; margin: 0 0 0.9rem; letter-spacing: -0.01em; }
    h3 { font-size: 0.78rem; margin: 0 0 0.6rem; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); }
    .page { max-width: 1200px; margin: 0 auto; padding: 0 32px; }
    main.page > section, main.page > footer {
      background: var(--paper); border: 1px solid var(--line); border-radius: 12px; padding: 24px 28px;
      margin: 0 0 20px;
    }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .lede, .empty-note { color: var(--muted); margin: -0.4rem 0 1rem; }

    /* Masthead */
    .masthead { background: linear-gradient(120deg, var(--navy), var(--navy-2)); color: #fff; padding: 36px 0 84px; }
    .masthead .eyebrow { margin: 0; text-transform: uppercase; letter-spacing: 0.14em; font-size: 0.78rem; opacity: 0.75; }
    .masthead h1 { margin: 0.3rem 0 0.4rem; font-size: 2.05rem; line-height: 1.2; font-weight: 650; letter-spacing: -0.02em; }
    .masthead .facts { margin: 0; opacity: 0.85; }

    /* Readiness cards */
    .scorecards {
      display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 20px; margin-top: -60px;
      background: none !important; border: 0 !important; padding: 0 !important;
    }
    .card {
      display: flex; gap: 26px; align-items: flex-start; background: var(--paper); border: 1px solid var(--line);
      border-radius: 12px; padding: 24px 26px; box-shadow: 0 6px 24px rgba(21, 36, 63, 0.10);
    }
    .ring {
      --c: var(--ok); flex: none; width: 132px; height: 132px; border-radius: 50%; display: grid; place-items: center;
      background: conic-gradient(var(--c) calc(var(--p) * 1%), #e6e9ef 0); border: 1px solid var(--line);
    }
    .ring::before { content: ""; grid-area: 1 / 1; width: 100px; height: 100px; border-radius: 50%; background: var(--paper); }
    .ring-value { grid-area: 1 / 1; position: relative; font-size: 1.55rem; font-weight: 700; letter-spacing: -0.02em; }
    .ring-value small { font-size: 0.9rem; font-weight: 600; color: var(--muted); margin-left: 1px; }
    .tone-high { --c: #2f8a5c; } .tone-mid { --c: #c27a00; } .tone-low { --c: var(--bad); } .tone-none { --c: #e6e9ef; }
    .card-body { flex: 1; min-width: 0; }
    .card-id { margin: 0; font-size: 0.8rem; font-weight: 700; letter-spacing: 0.12em; text-transform: uppercase; color: var(--accent); }
    .card-title { margin: 0.15rem 0 0.35rem; font-size: 1.02rem; line-height: 1.35; text-transform: none; letter-spacing: 0; color: var(--ink); font-weight: 600; }
    .card-fraction { margin: 0; color: var(--muted); }
    .card-breakdown { margin: 0.1rem 0 0.8rem; color: var(--muted); font-size: 0.85rem; }
    .card-fraction strong { color: var(--ink); font-size: 1.1rem; }
    .cats { width: 100%; border-collapse: collapse; font-size: 0.88rem; }
    .cats th { text-align: left; font-weight: 500; padding: 3px 10px 3px 0; white-space: nowrap; width: 1%; }
    .cats td { padding: 3px 0 3px 10px; }
    .minibar { width: 100%; }
    .minibar::before { content: none; }
    .minibar { position: relative; }
    .minibar-fill { display: block; height: 8px; border-radius: 4px; background: var(--ok); box-shadow: inset 0 0 0 1px rgba(0,0,0,0.15); }
    .cats td.minibar { background: linear-gradient(#e9ecf1, #e9ecf1) no-repeat 10px 50% / calc(100% - 10px) 8px; }
    .num, .list td.num, .list th.num { text-align: right; white-space: nowrap; }
    .pct { font-weight: 600; width: 4.5em; }

    /* At a glance */
    .glance-grid { display: grid; grid-template-columns: 1fr 1.4fr 1fr; gap: 28px; }
    .legend-list { list-style: none; padding: 0; margin: 0; display: grid; gap: 6px; }
    .legend-list li { display: flex; align-items: center; gap: 10px; }
    .legend-list strong { min-width: 2.2em; text-align: right; }
    .stack { display: flex; height: 18px; border-radius: 9px; overflow: hidden; border: 1px solid var(--line); margin: 0 0 12px; }
    .stack .seg { display: block; height: 100%; }
    .stack .seg + .seg { border-left: 2px solid var(--paper); }
    .figures { margin: 0; display: grid; grid-template-columns: 1fr 1fr; gap: 10px 18px; }
    .figures div { border-left: 3px solid var(--line); padding-left: 10px; }
    .figures dt { color: var(--muted); font-size: 0.85rem; }
    .figures dd { margin: 0; font-size: 1.5rem; font-weight: 700; line-height: 1.2; }

    /* Status fills: colour, pattern and border together */
    .swatch { display: inline-grid; place-items: center; flex: none; width: 22px; height: 16px; border-radius: 4px; }
    .st-ready { background: var(--ok-bg); border: 2px solid var(--ok); }
    .st-gap {
      background: repeating-linear-gradient(135deg, rgba(154, 88, 0, 0.22) 0 3px, transparent 3px 8px), var(--warn-bg);
      border: 2px solid var(--warn);
    }
    .st-planned { background: var(--plan-bg); border: 2px dashed var(--plan); }
    .st-uncovered {
      background: repeating-linear-gradient(45deg, rgba(176, 40, 31, 0.18) 0 2px, transparent 2px 7px),
        repeating-linear-gradient(135deg, rgba(176, 40, 31, 0.18) 0 2px, transparent 2px 7px), var(--bad-bg);
      border: 3px double var(--bad);
    }
    .st-excluded { background: var(--paper); border: 2px dotted var(--grey); }
    .st-out { background: var(--grey-bg); border: 1px solid #d3d6dc; }
    .ev-fresh { background: var(--ok); }
    .ev-unscheduled { background: repeating-linear-gradient(90deg, #5fae86 0 4px, #8dc7a8 4px 6px); }
    .ev-due-soon { background: repeating-linear-gradient(135deg, #d89a2b 0 3px, #f2c877 3px 6px); }
    .ev-stale { background: repeating-linear-gradient(45deg, var(--bad) 0 2px, #e58d85 2px 5px); }
    .ev-never-collected { background: repeating-linear-gradient(90deg, #4b5563 0 2px, #c9ced6 2px 5px); }
    .swatch.ev-fresh, .swatch.ev-unscheduled, .swatch.ev-due-soon, .swatch.ev-stale, .swatch.ev-never-collected {
      border: 1px solid rgba(0, 0, 0, 0.25);
    }
    .glyph { font-size: 0.8rem; font-weight: 700; line-height: 1; }

    /* Needs attention */
    .issues { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; }
    .issue {
      display: flex; gap: 14px; align-items: baseline; padding: 9px 14px; border-radius: 0 8px 8px 0;
      background: var(--wash) !important; border: 0 !important; border-left: 5px solid var(--grey) !important;
    }
    .issue.st-uncovered { border-left: 6px double var(--bad) !important; }
    .issue.st-planned { border-left: 5px dashed var(--plan) !important; }
    .issue.st-gap { border-left: 5px solid var(--warn) !important; }
    .issue.ev-stale { border-left: 5px solid var(--bad) !important; }
    .issue.ev-never-collected { border-left: 5px dotted var(--ink) !important; }
    .issue .tag {
      flex: none; min-width: 11.5em; font-size: 0.72rem; font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase;
    }
    .issue.st-uncovered .tag, .issue.ev-stale .tag { color: var(--bad); }
    .issue.st-planned .tag { color: var(--plan); }
    .issue.st-gap .tag { color: var(--warn); }
    .issue-text { flex: 1; }
    .exception { display: block; margin-top: 4px; color: var(--muted); font-size: 0.9rem; }
    .exception::before { content: "\\25B8  "; }
    .all-clear { margin: 0; padding: 12px 16px; border-radius: 8px; background: var(--ok-bg); border-left: 5px solid var(--ok); }
    .all-clear .glyph { color: var(--ok); margin-right: 6px; }

    /* Criteria grid */
    .legend { list-style: none; display: flex; flex-wrap: wrap; gap: 8px 22px; padding: 0; margin: 0 0 18px; font-size: 0.9rem; }
    .legend li { display: flex; align-items: center; gap: 8px; }
    .legend .swatch { width: 26px; height: 20px; }
    .grid { width: 100%; border-collapse: separate; border-spacing: 6px; table-layout: fixed; margin: 0 -6px 16px; }
    .grid caption { text-align: left; padding: 4px 6px 6px; font-weight: 600; font-size: 1.02rem; }
    .grid .cap-id { color: var(--accent); letter-spacing: 0.08em; text-transform: uppercase; font-size: 0.85rem; margin-right: 6px; }
    .grid .cap-pct { float: right; color: var(--muted); font-weight: 600; }
    .grid col.series-col { width: 150px; }
    .grid tbody th { text-align: left; vertical-align: top; padding: 8px 6px 0 0; }
    .series { display: block; font-weight: 700; }
    .series-about { display: block; color: var(--muted); font-size: 0.8rem; font-weight: 400; line-height: 1.3; }
    .tile { vertical-align: top; border-radius: 8px; padding: 7px 9px 8px; height: 104px; break-inside: avoid; }
    .tile > span { display: block; }
    .tile-head { display: flex !important; justify-content: space-between; align-items: center; }
    .tile-id { font-weight: 700; font-size: 0.95rem; }
    .tile > .tile-title {
      display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; font-size: 0.74rem; line-height: 1.25;
      color: #2b3445; margin: 3px 0 4px; height: 2.5em; overflow: hidden;
    }
    tr.compact .tile { height: auto; padding: 5px 9px; }
    tr.compact .tile-status { font-size: 0.62rem; letter-spacing: 0.02em; white-space: nowrap; }
    .tile-status { font-size: 0.68rem; font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; }
    .tile-controls { font: 0.66rem/1.25 ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; color: var(--muted); margin-top: 2px; overflow: hidden; max-height: 2.5em; }
    .st-ready .tile-status, .st-ready .glyph { color: var(--ok); }
    .st-gap .tile-status, .st-gap .glyph { color: var(--warn); }
    .st-planned .tile-status, .st-planned .glyph { color: var(--plan); }
    .st-uncovered .tile-status, .st-uncovered .glyph { color: var(--bad); }
    .st-excluded .tile-status, .st-excluded .glyph, .st-out .tile-status, .st-out .glyph { color: var(--grey); }
    .st-out .tile-id, .st-out .tile-title, .st-excluded .tile-title { color: var(--grey); }
    .tile-none { background: none; }
    .exclusions { margin: 0 0 8px; padding: 10px 14px; border: 2px dotted var(--grey); border-radius: 8px; font-size: 0.9rem; }
    .exclusions dt { font-weight: 700; }
    .exclusions dd { margin: 0 0 4px; color: var(--muted); }

    /* Timeline */
    .weeks { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 0 18px; }
    .weeks .bars td { vertical-align: bottom; height: 130px; text-align: center; border-bottom: 2px solid var(--ink); padding: 0 5px; }
    .weeks .count { display: block; font-size: 0.8rem; font-weight: 700; margin-bottom: 3px; }
    .weeks .bar { display: block; border-radius: 4px 4px 0 0; background: var(--navy-2); }
    .weeks .bar.has-review { background: repeating-linear-gradient(0deg, var(--navy-2) 0 6px, #5b7bb0 6px 8px); }
    .weeks .labels th { font-size: 0.72rem; font-weight: 500; color: var(--muted); padding-top: 5px; white-space: nowrap; }
    .list { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
    .list thead th {
      text-align: left; font-size: 0.74rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted);
      border-bottom: 2px solid var(--ink); padding: 6px 10px;
    }
    .list thead th.num { text-align: right; }
    .list td, .list tbody th { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
    .list .group th { background: var(--wash); font-size: 0.8rem; font-weight: 700; color: var(--muted); border-bottom: 1px solid var(--line); padding-top: 8px; }
    .list tr.soon th { box-shadow: inset 4px 0 0 #d89a2b; }
    .chart-note { color: var(--muted); font-size: 0.82rem; margin: -8px 0 16px; }
    .due-list tbody th { white-space: nowrap; font-weight: 600; width: 9.5em; }
    .due-list td.in { width: 6em; text-align: left; color: var(--muted); }
    .chips { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 5px 6px; }
    .chip { border: 1px solid var(--line); border-radius: 6px; padding: 1px 8px; background: var(--paper); font-size: 0.85rem; white-space: nowrap; }
    .chip code { font-weight: 700; color: var(--navy-2); }
    .chip-owner { color: var(--muted); font-size: 0.8rem; }
    .chip-owner::before { content: "· "; }
    .chip-review { border: 1px dashed var(--navy-2); background: #eef3fb; }
    .date { white-space: nowrap; }
    .kind { display: inline-block; font-size: 0.68rem; text-transform: uppercase; letter-spacing: 0.06em; font-weight: 700; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 5px; margin-right: 6px; }
    .kind-review { color: var(--navy-2); border-style: dashed; }

    /* Owners */
    .owner-list tbody th { width: 26%; }
    .who { display: block; font-weight: 600; }
    .who-id { display: block; color: var(--muted); font-size: 0.8rem; font-weight: 400; }
    .loadcol { width: 18%; }
    .load { display: block; height: 10px; border-radius: 5px; background: #e9ecf1; margin-top: 6px; }
    .load-fill { display: block; height: 100%; border-radius: 5px; background: var(--navy-2); }
    td.bad { color: var(--bad); font-weight: 700; text-decoration: underline; }
    td.warn { color: var(--warn); font-weight: 700; }
    td.zero { color: var(--faint); }
    .pill { display: inline-block; font-size: 0.75rem; font-weight: 600; border: 1px solid var(--line); border-radius: 999px; padding: 1px 9px; white-space: nowrap; }
    .pill-ok { color: var(--ok); border-color: #a9d6bd; }
    .pill-bad { color: var(--bad); border: 2px solid var(--bad); }
    tr.handover th, tr.handover td { background: var(--bad-bg); }

    /* Evidence register */
    .evidence-list code, .evidence-list .date { white-space: nowrap; }
    .badge { display: inline-block; font-size: 0.72rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; padding: 1px 8px; border-radius: 4px; white-space: nowrap; }
    .badge.ev-fresh { background: var(--ok-bg); color: var(--ok); border: 1px solid var(--ok); }
    .badge.ev-unscheduled { background: var(--ok-bg); color: var(--ok); border: 1px dashed var(--ok); }
    .badge.ev-due-soon { background: var(--warn-bg); color: var(--warn); border: 2px solid var(--warn); }
    .badge.ev-stale { background: var(--bad-bg); color: var(--bad); border: 3px double var(--bad); }
    .badge.ev-never-collected { background: var(--grey-bg); color: var(--ink); border: 2px dotted var(--ink); }

    .colophon { color: var(--muted); font-size: 0.88rem; }
    .colophon h2 { font-size: 1rem; color: var(--ink); }
    .colophon p { margin: 0 0 0.5rem; max-width: 80ch; }

    @media (max-width: 820px) {
      .page { padding: 0 14px; }
      .glance-grid { grid-template-columns: 1fr; }
      .scorecards { grid-template-columns: 1fr; }
      .card { flex-direction: column; }
    }

    @media print {
      @page { size: A4; margin: 12mm; }
      html, body { background: #fff; font-size: 10pt; }
      .page { max-width: none; padding: 0; }
      .masthead { padding: 16px 18px 18px; border-radius: 8px; margin-bottom: 12px; }
      .scorecards { margin-top: 0; }
      .card { box-shadow: none; break-inside: avoid; }
      main.page > section, main.page > footer { border: 1px solid #999; border-radius: 6px; padding: 14px 16px; }
      .criteria, .timeline, .owners, .register { break-before: page; }
      .grid tr, .list tr, .issue { break-inside: avoid; }
      .list thead { display: table-header-group; }
      .tile { height: auto; min-height: 80px; }
    }

    """
}
