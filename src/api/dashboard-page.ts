// The dashboard: plain HTML and a small script polling /status and /v1/blocks. Kept as strings
// so the compiled package needs no asset copying or build step.
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>oneproof</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 2rem; color: #222; }
  h1 { font-size: 1.3rem; margin: 0 0 .5rem; }
  .summary span { display: inline-block; margin-right: 1.5rem; }
  table { border-collapse: collapse; margin-top: 1rem; width: 100%; }
  th, td { border-bottom: 1px solid #ddd; padding: .3rem .5rem; text-align: left; font-variant-numeric: tabular-nums; }
  td.hash { font-family: monospace; }
  .proved, .verified { color: #17702a; } .failed, .expired, .cancelled { color: #b00020; } .running, .queued, .awaiting-proof { color: #8a6d00; }
</style>
</head>
<body>
<h1>oneproof <span id="role"></span></h1>
<div class="summary">
  <span>network: <b id="network">-</b></span>
  <span>queue: <b id="queue">-</b></span>
  <span>proofs: <b id="proven">-</b></span>
  <span>under 10 s: <b id="under10">-</b></span>
  <span>under 12 s: <b id="under12">-</b></span>
  <span>peers: <b id="peers">-</b></span>
  <span>prover: <b id="prover">-</b></span>
</div>
<table>
  <thead><tr><th>block</th><th>hash</th><th>state</th><th>witness ms</th><th>execute ms</th><th>prove ms</th><th>publish ms</th><th>proof bytes</th><th>verdict / reason</th></tr></thead>
  <tbody id="blocks"></tbody>
</table>
<script src="/dashboard.js"></script>
</body>
</html>
`;

export const DASHBOARD_JS = `'use strict';
const fmt = (v) => (v === undefined || v === null ? '' : typeof v === 'number' ? String(Math.round(v)) : String(v));
const pct = (v) => (Math.round(v * 1000) / 10) + ' %';
function cell(text, cls) { const td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; return td; }
async function refresh() {
  try {
    const [status, blocks] = await Promise.all([fetch('/status').then((r) => r.json()), fetch('/v1/blocks?limit=50').then((r) => r.json())]);
    document.getElementById('role').textContent = '(' + status.role + ')';
    document.getElementById('network').textContent = status.network;
    document.getElementById('queue').textContent = fmt(status.queue.depth) + ' queued, ' + fmt(status.queue.active) + ' active';
    document.getElementById('proven').textContent = fmt(status.proofs.proven);
    document.getElementById('under10').textContent = pct(status.proofs.under10s);
    document.getElementById('under12').textContent = pct(status.proofs.under12s);
    document.getElementById('peers').textContent = fmt(status.peers.length);
    document.getElementById('prover').textContent = status.prover.available ? 'native' : status.prover.reason;
    const body = document.getElementById('blocks');
    body.replaceChildren(...blocks.blocks.map((b) => {
      const tr = document.createElement('tr');
      tr.dataset.hash = b.blockHash;
      tr.append(cell(b.blockNumber), cell(b.blockHash.slice(0, 18) + '…', 'hash'), cell(b.state, b.state.replace(' ', '-')),
        cell(fmt(b.timings.witnessMs)), cell(fmt(b.timings.executeMs)), cell(fmt(b.timings.proveMs)), cell(fmt(b.timings.publishMs)), cell(fmt(b.proofSize)),
        cell(b.verdict || (b.errors.length ? b.errors[b.errors.length - 1] : '')));
      return tr;
    }));
    document.body.dataset.loaded = 'true';
  } catch (e) {
    document.body.dataset.error = String(e);
  }
}
refresh();
setInterval(refresh, 2000);
`;
