// Sluice dashboard: reads everything from the REST API (docs/api.md) with the token kept in localStorage.
'use strict';

const TOKEN_KEY = 'sluice.token';
const REFRESH_MS = 5000;
const state = { tab: 'cluster', jobId: null, logStream: 'stdout', logOffset: 0, charts: {}, timer: null };

// ---- helpers ---------------------------------------------------------------------------------------

const $ = (selector) => document.querySelector(selector);

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.substring(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const gpus = (milli) => {
  const value = (milli || 0) / 1000;
  return Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/0+$/, '');
};
const limit = (milli) => (milli === null || milli === undefined ? '∞' : gpus(milli));
const mib = (value) => {
  if (value % 1024 === 0) return `${value / 1024} GiB`;
  return value > 1024 ? `${(value / 1024).toFixed(1)} GiB` : `${value} MiB`;
};
const shellWord = (word) => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`);

function gpuRequest(request) {
  if (!request) return '-';
  const devices = request.gpuMilli === 0 ? request.gpus : request.gpus * request.gpuMilli / 1000;
  const text = gpus(Math.round(devices * 1000));
  return request.gpuMemoryMib > 0 ? `${text} (${mib(request.gpuMemoryMib)})` : text;
}

function placement(job) {
  if (!job.node) return '-';
  if (!job.gpuIndices || job.gpuIndices.length === 0) return job.node;
  return `${job.node}:${job.gpuIndices.join(',')}${job.simulatedGpus ? ' (sim)' : ''}`;
}

function ago(iso) {
  if (!iso) return '-';
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 120) return `${seconds}s ago`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m ago`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)}h ago`;
  return `${Math.round(seconds / 86400)}d ago`;
}

const stateBadge = (jobState) => el('span', { class: `badge state-${(jobState || '').toLowerCase()}` }, jobState);

// ---- API -------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(path, options = {}) {
  const token = localStorage.getItem(TOKEN_KEY);
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, { ...options, headers });
  } catch (e) {
    throw new ApiError(0, 'The Sluice server does not answer. Is ./sluice up still running?');
  }
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try {
      const problem = await response.json();
      message = problem.detail || problem.title || message;
      if (problem.field) message = `${problem.field}: ${message}`;
    } catch (ignored) { /* not problem+json */ }
    throw new ApiError(response.status, message);
  }
  return response;
}

const getJson = async (path) => (await api(path)).json();

function showBanner(message) {
  const banner = $('#banner');
  banner.textContent = message || '';
  banner.classList.toggle('hidden', !message);
}

// ---- token -----------------------------------------------------------------------------------------

async function checkToken() {
  if (!localStorage.getItem(TOKEN_KEY)) {
    $('#whoami').textContent = 'not signed in';
    showBanner('Enter an API token to see the pool. ./sluice up prints where the admin token is (sluice-data/admin.token).');
    return false;
  }
  try {
    const me = await getJson('/api/v1/whoami');
    $('#whoami').textContent = `${me.name} (${me.role})`;
    showBanner('');
    return true;
  } catch (e) {
    $('#whoami').textContent = 'not signed in';
    showBanner(e.status === 401 ? 'The server did not accept this token. Enter another one.' : e.message);
    return false;
  }
}

function setUpToken() {
  $('#token-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = $('#token-input').value.trim();
    if (!token) return;
    localStorage.setItem(TOKEN_KEY, token);
    $('#token-input').value = '';
    await refresh();
  });
  $('#token-forget').addEventListener('click', async () => {
    localStorage.removeItem(TOKEN_KEY);
    await refresh();
  });
}

// ---- tabs ------------------------------------------------------------------------------------------

function setUpTabs() {
  for (const button of document.querySelectorAll('#tabs button')) {
    button.addEventListener('click', () => showTab(button.dataset.tab));
  }
  const fromHash = () => location.hash.substring(1);
  window.addEventListener('hashchange', () => { if (fromHash() !== state.tab && RENDERERS[fromHash()]) showTab(fromHash()); });
  if (RENDERERS[fromHash()]) state.tab = fromHash();
  showTab(state.tab);
}

function showTab(tab) {
  state.tab = tab;
  history.replaceState(null, '', `#${tab}`);
  for (const button of document.querySelectorAll('#tabs button')) button.classList.toggle('active', button.dataset.tab === tab);
  for (const section of document.querySelectorAll('.tab')) section.classList.toggle('hidden', section.id !== `tab-${tab}`);
  refresh();
}

// ---- cluster ---------------------------------------------------------------------------------------

async function renderCluster() {
  const [nodes, queues, runningPage, points] = await Promise.all([getJson('/api/v1/nodes'), getJson('/api/v1/queues'),
    getJson('/api/v1/jobs?state=RUNNING&limit=1000'), getJson('/api/v1/utilization?minutes=15')]);
  const allGpus = nodes.flatMap((node) => node.gpus);
  const allocated = allGpus.reduce((sum, gpu) => sum + gpu.allocatedMilli, 0);
  const simulated = allGpus.filter((gpu) => gpu.simulated).length;
  const running = queues.reduce((sum, queue) => sum + queue.running, 0);
  const pending = queues.reduce((sum, queue) => sum + queue.pending, 0);
  $('#summary').replaceChildren(
    card('GPUs', `${allGpus.length}`, simulated ? `${simulated} simulated` : `${nodes.length} node${nodes.length === 1 ? '' : 's'}`),
    card('Allocated', `${gpus(allocated)} GPU`, allGpus.length ? `${Math.round(100 * allocated / (1000 * allGpus.length))} % of the pool` : 'no GPUs'),
    card('Running', `${running}`, 'jobs'),
    card('Pending', `${pending}`, 'jobs waiting'));
  $('#nodes').replaceChildren(...nodes.map(nodeCard));
  const rows = runningPage.items.map((job) => el('tr', { 'data-job': job.id, onclick: () => openJob(job.id) },
    el('td', { class: 'mono' }, job.id), el('td', {}, job.name), el('td', {}, job.queue), el('td', {}, job.user),
    el('td', {}, gpuRequest(job.request)), el('td', { class: 'nowrap' }, placement(job)), el('td', { class: 'nowrap' }, ago(job.startedAt))));
  $('#running-table tbody').replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'Nothing is running.'))]));
  drawChart('cluster-chart', allocationChart(points, 15));
}

const card = (title, value, note) => el('div', { class: 'card' }, el('div', { class: 'muted' }, title),
  el('div', { class: 'big' }, value), el('div', { class: 'muted small' }, note));

function nodeCard(node) {
  const header = el('div', { class: 'node-head' }, el('h3', {}, node.name),
    el('span', { class: 'muted' }, `${gpus(node.cpuMilli)} CPU · ${mib(node.memoryMib)} memory · GPUs from ${node.gpuSource}`));
  const tiles = node.gpus.length === 0
    ? [el('p', { class: 'muted' }, 'No GPUs on this node; CPU-only jobs run here.')]
    : node.gpus.map(gpuTile);
  const nics = (node.nics || []).length === 0 ? null
    : el('div', { class: 'nics' }, el('span', { class: 'muted small' }, 'NICs'), ...node.nics.map(nicChip));
  return el('div', { class: 'node', 'data-node': node.name }, header, el('div', { class: 'gpus' }, tiles), nics);
}

// NIC bandwidth as the CLI writes it: 25G, 1.6T, 100M (decimal bits per second).
const bandwidth = (mbps) => (mbps >= 1e6 && mbps % 1e5 === 0 ? `${mbps / 1e6}T`
  : mbps >= 1000 && mbps % 1000 === 0 ? `${mbps / 1000}G` : `${mbps}M`);

// Where a device sits: "pci0000:17 · NUMA 0", or null when neither is known.
const locality = (device) => [device.pciRoot, device.numaNode === null || device.numaNode === undefined ? null
  : `NUMA ${device.numaNode}`].filter(Boolean).join(' · ') || null;

function nicChip(nic) {
  const where = locality(nic);
  return el('span', { class: 'nic', 'data-nic': nic.name, title: where || 'PCIe root and NUMA node unknown' },
    el('strong', {}, nic.name), ` ${bandwidth(nic.bandwidthMbps)}`,
    nic.rdma ? el('span', { class: 'badge rdma', title: 'InfiniBand or RoCE' }, 'RDMA') : null);
}

function gpuTile(gpu) {
  const percent = Math.min(100, Math.round(gpu.allocatedMilli / 10));
  const jobs = gpu.jobs.length === 0 ? el('span', { class: 'muted' }, 'free')
    : gpu.jobs.map((id) => el('a', { href: '#jobs', class: 'job-link', onclick: (e) => { e.preventDefault(); openJob(id); } }, id));
  return el('div', { class: `gpu${gpu.simulated ? ' simulated' : ''}`, 'data-gpu': gpu.index },
    el('div', { class: 'gpu-head' }, el('strong', {}, `GPU ${gpu.index}`),
      gpu.simulated ? el('span', { class: 'badge sim', title: 'declared with --simulate-gpus; no real device' }, 'simulated') : null),
    el('div', { class: 'muted small' }, `${gpu.model} · ${mib(gpu.memoryMib)}`),
    locality(gpu) ? el('div', { class: 'muted small', 'data-locality': '' }, locality(gpu)) : null,
    el('div', { class: 'bar', title: `${gpus(gpu.allocatedMilli)} of 1 GPU allocated` },
      el('div', { class: 'fill', style: `width:${percent}%` })),
    el('div', { class: 'small' }, `${gpus(gpu.allocatedMilli)} allocated`),
    el('div', { class: 'gpu-jobs' }, jobs));
}

// ---- queues ----------------------------------------------------------------------------------------

async function renderQueues() {
  const queues = await getJson('/api/v1/queues');
  fillQueueFilter(queues);
  $('#queues-table tbody').replaceChildren(...queues.map((queue) => {
    const quota = (queue.quotas && queue.quotas.gpu) || {};
    return el('tr', { 'data-queue': queue.name }, el('td', {}, queue.name), el('td', {}, queue.parent || '-'),
      el('td', {}, queue.priority), el('td', {}, gpus(quota.deserved)), el('td', {}, limit(quota.limit)),
      el('td', {}, gpus(queue.allocated.gpu)), el('td', {}, gpus((queue.borrowed || {}).gpu)),
      el('td', {}, gpus((queue.fairShare || {}).gpu)), el('td', {}, queue.running), el('td', {}, queue.pending));
  }));
  drawChart('queues-chart', {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 20, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: queues.map((queue) => queue.name) },
    yAxis: { type: 'value', name: 'GPUs', minInterval: 0.5 },
    series: [
      { name: 'used', type: 'bar', barMaxWidth: 40, data: queues.map((queue) => (queue.allocated.gpu || 0) / 1000) },
      { name: 'deserved', type: 'bar', barMaxWidth: 40, data: queues.map((queue) => (((queue.quotas || {}).gpu || {}).deserved || 0) / 1000) },
      { name: 'fair share', type: 'bar', barMaxWidth: 40, data: queues.map((queue) => ((queue.fairShare || {}).gpu || 0) / 1000) },
      { name: 'borrowed', type: 'bar', barMaxWidth: 40, data: queues.map((queue) => ((queue.borrowed || {}).gpu || 0) / 1000) },
    ],
  });
}

function fillQueueFilter(queues) {
  const select = $('#filter-queue');
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '' }, 'all'), ...queues.map((queue) => el('option', { value: queue.name }, queue.name)));
  select.value = chosen;
}

// ---- jobs ------------------------------------------------------------------------------------------

async function renderJobs() {
  if ($('#filter-queue').options.length <= 1) fillQueueFilter(await getJson('/api/v1/queues'));
  const query = new URLSearchParams({ limit: '200' });
  if ($('#filter-state').value) query.set('state', $('#filter-state').value);
  if ($('#filter-queue').value) query.set('queue', $('#filter-queue').value);
  const page = await getJson(`/api/v1/jobs?${query}`);
  const rows = page.items.map((job) => el('tr', { 'data-job': job.id, class: job.id === state.jobId ? 'selected' : null, onclick: () => openJob(job.id) },
    el('td', { class: 'mono' }, job.id), el('td', {}, job.name), el('td', {}, job.queue), el('td', {}, job.user),
    el('td', {}, stateBadge(job.state)), el('td', {}, gpuRequest(job.request)), el('td', { class: 'nowrap' }, placement(job)),
    el('td', {}, job.queuePosition ?? ''), el('td', { class: 'reason' }, job.reason ? job.reason.message || job.reason.code : ''),
    el('td', { class: 'nowrap', title: job.submittedAt }, ago(job.submittedAt))));
  $('#jobs-table tbody').replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colspan: 10, class: 'muted' }, 'No jobs yet. Submit one: ./sluice submit --gpus 1 -- python train.py'))]));
  if (state.jobId) await renderJobDetail();
}

async function openJob(id) {
  if (state.jobId !== id) {
    state.jobId = id;
    state.logOffset = 0;
    $('#job-log').textContent = '';
  }
  if (state.tab !== 'jobs') showTab('jobs'); else await renderJobs();
}

async function renderJobDetail() {
  const job = await getJson(`/api/v1/jobs/${encodeURIComponent(state.jobId)}`);
  $('#job-detail').classList.remove('hidden');
  $('#detail-title').textContent = `${job.id} · ${job.name}`;
  const finished = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'PREEMPTED'].includes(job.state);
  $('#detail-cancel').classList.toggle('hidden', finished);
  const request = job.request || {};
  const fields = [
    ['State', stateBadge(job.state), job.exitCode !== null && job.exitCode !== undefined ? ` exit code ${job.exitCode}` : ''],
    ['Reason', job.reason ? `${job.reason.code}: ${job.reason.message}` : '-'],
    ['Queue position', job.queuePosition ?? '-'],
    ['Queue / user', `${job.queue} / ${job.user}`],
    ['Asks for', `${gpuRequest(request)} GPU · ${gpus(request.cpuMilli)} CPU · ${mib(request.memoryMib || 0)}`],
    ['Priority', `${job.priority}${job.preemptible ? ', preemptible' : ''}`],
    ['Runs on', placement(job)],
    ['Command', el('code', {}, (job.command || []).map(shellWord).join(' '))],
    ['Submitted', job.submittedAt || '-'], ['Started', job.startedAt || '-'], ['Finished', job.finishedAt || '-'],
  ];
  $('#detail-fields').replaceChildren(...fields.flatMap(([name, ...value]) => [el('dt', {}, name), el('dd', {}, ...value)]));
  await appendLog();
}

async function appendLog() {
  const response = await api(`/api/v1/jobs/${encodeURIComponent(state.jobId)}/logs?stream=${state.logStream}&offset=${state.logOffset}`);
  const text = await response.text();
  const next = Number(response.headers.get('X-Log-Offset'));
  state.logOffset = Number.isFinite(next) && next > 0 ? next : state.logOffset + new TextEncoder().encode(text).length;
  if (!text) {
    if (!$('#job-log').textContent) $('#job-log').textContent = '';
    return;
  }
  const log = $('#job-log');
  const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
  log.append(text);
  if (atBottom) log.scrollTop = log.scrollHeight;
}

function setUpJobs() {
  $('#filter-state').addEventListener('change', renderJobs);
  $('#filter-queue').addEventListener('change', renderJobs);
  $('#detail-close').addEventListener('click', () => {
    state.jobId = null;
    $('#job-detail').classList.add('hidden');
    renderJobs();
  });
  $('#detail-cancel').addEventListener('click', async () => {
    if (!confirm(`Cancel ${state.jobId}?`)) return;
    try {
      await api(`/api/v1/jobs/${encodeURIComponent(state.jobId)}/cancel`, { method: 'POST' });
      await renderJobs();
    } catch (e) {
      showBanner(e.message);
    }
  });
  for (const button of document.querySelectorAll('.log-tabs button')) {
    button.addEventListener('click', () => {
      state.logStream = button.dataset.stream;
      state.logOffset = 0;
      $('#job-log').textContent = '';
      for (const other of document.querySelectorAll('.log-tabs button')) other.classList.toggle('active', other === button);
      appendLog().catch((e) => showBanner(e.message));
    });
  }
}

// ---- utilisation -----------------------------------------------------------------------------------

async function renderUtilisation() {
  const minutes = Number($('#util-minutes').value);
  const points = await getJson(`/api/v1/utilization?minutes=${minutes}`);
  drawChart('util-chart', allocationChart(points, minutes));
  drawChart('jobs-chart', {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 20, top: 36, bottom: 30 },
    xAxis: timeAxis(minutes, points),
    yAxis: { type: 'value', name: 'jobs', minInterval: 1, min: 0 },
    series: [
      { name: 'running', type: 'line', step: 'end', showSymbol: false, data: series(points, (point) => point.running) },
      { name: 'pending', type: 'line', step: 'end', showSymbol: false, data: series(points, (point) => point.pending) },
    ],
  });
}

// A time series from the samples, held flat from the last sample up to now (samples come every few seconds).
function series(points, value) {
  const data = points.map((point) => [point.at, value(point)]);
  if (points.length > 0) data.push([new Date().toISOString(), value(points[points.length - 1])]);
  return data;
}

// From the window's start, or from the first sample when the server is younger than the window.
function timeAxis(minutes, points) {
  const now = Date.now();
  const first = points.length > 0 ? Date.parse(points[0].at) : now;
  return { type: 'time', min: Math.min(now - 60000, Math.max(now - minutes * 60000, first)), max: now };
}

function allocationChart(points, minutes) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 20, top: 36, bottom: 30 },
    xAxis: timeAxis(minutes, points),
    yAxis: { type: 'value', name: 'GPUs', min: 0 },
    series: [
      { name: 'allocated', type: 'line', step: 'end', areaStyle: { opacity: 0.25 }, showSymbol: false,
        data: series(points, (point) => point.gpuAllocatedMilli / 1000) },
      { name: 'capacity', type: 'line', step: 'end', showSymbol: false, lineStyle: { type: 'dashed' },
        data: series(points, (point) => point.gpuCapacityMilli / 1000) },
    ],
  };
}

function drawChart(containerId, option) {
  if (typeof echarts === 'undefined') {
    $(`#${containerId}`).textContent = 'Charts need /webjars/echarts, which did not load.';
    return;
  }
  let chart = state.charts[containerId];
  if (!chart) {
    chart = echarts.init($(`#${containerId}`));
    state.charts[containerId] = chart;
  }
  chart.setOption({ animation: false, ...option }, true);
  chart.resize();
}

// ---- refresh loop ----------------------------------------------------------------------------------

const RENDERERS = { cluster: renderCluster, queues: renderQueues, jobs: renderJobs, utilisation: renderUtilisation };

async function refresh() {
  clearTimeout(state.timer);
  try {
    if (await checkToken()) await RENDERERS[state.tab]();
    document.body.dataset.loaded = state.tab;
  } catch (e) {
    showBanner(e.message);
  } finally {
    state.timer = setTimeout(refresh, REFRESH_MS);
  }
}

window.addEventListener('resize', () => Object.values(state.charts).forEach((chart) => chart.resize()));
document.addEventListener('DOMContentLoaded', () => {
  setUpToken();
  setUpJobs();
  $('#util-minutes').addEventListener('change', refresh);
  setUpTabs();
});
