// hubatlas dashboard: makes the server-rendered page live. The URL is the
// state (filters, label language, zoom); every change redraws the map,
// the counts and the table without a reload, and Back/Forward walk it.
// Zoom and pan move the current SVG at once (its viewBox); when the view
// settles the server draws that window (bbox=) at its own detail. New
// maps are parsed with DOMParser, never innerHTML (docs/export-svg.md).
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const body = document.body;
  const embed = body.dataset.mode === 'embed';
  const STR = JSON.parse(body.dataset.i18n);
  const form = $('filters');
  const mapBox = $('map');
  const tip = $('tooltip');
  const status = $('status');
  const detail = $('detail');
  const rows = $('hubrows');
  let ui = body.dataset.ui;
  const ui0 = ui; // the interface the page came in, for a URL without lang
  let view = JSON.parse(body.dataset.view); // the map shown: frame, transform, counts
  let params = new URLSearchParams(body.dataset.query);
  let hubs = new Map(); // id -> properties, for the current filters
  let hubsKey = '';
  let seq = 0; // the newest update wins
  let typing = 0;
  let opener = null;
  let z = { x: 0, y: 0, k: 1 }; // the current SVG's zoom: viewBox x, y and scale
  let settleTimer = 0;
  // sort is the table's order, from the URL's sort parameter (rank
  // ascending when absent): a sorted table is shared, reloaded and
  // downloaded as sorted.
  const SORTS = [...document.querySelectorAll('#hubtable [data-sort]')].map((a) => a.dataset.sort); // the server's SortOrders
  function sortFrom(p) {
    const v = p.get('sort') || '';
    const key = v.replace(/^-/, '');
    return SORTS.includes(key) ? { key: key, dir: v.startsWith('-') ? -1 : 1 } : { key: 'rank', dir: 1 };
  }
  let sort = sortFrom(params);
  // sortValue is sort's parameter, '' for rank ascending (the default);
  // nextSort, the order a click on column key gives: key ascending, or
  // reversed when the table is in its order already.
  const sortValue = (s) => (s.key === 'rank' && s.dir > 0 ? '' : (s.dir < 0 ? '-' : '') + s.key);
  const nextSort = (key) => ({ key: key, dir: sort.key === key && sort.dir > 0 ? -1 : 1 });
  let suppressClick = false;
  let pending = null; // performance mark of the change being drawn

  // ---- strings ----------------------------------------------------------
  // T fills the data's nouns ({hub}, {hubs}, {Hubs}, {zh}: "suppliers"
  // for a supplier list) before vars, so that a search is never read as
  // a placeholder.
  function T(key, vars) {
    let s = (STR[ui] && STR[ui][key]) || STR.en[key] || key;
    for (const v of [view.nouns || {}, vars || {}]) for (const k in v) s = s.split('{' + k + '}').join(v[k]);
    return s;
  }
  const pick = (en, zh) => (ui === 'zh' && zh ? zh : en);
  const other = (en, zh) => (ui === 'zh' ? (zh && zh !== en ? en : '') : zh !== en ? zh : '');
  function hubCount(n) {
    return n === 1 ? T('hubs.one') : T('hubs.many', { n: n });
  }
  function translate() {
    document.documentElement.lang = ui === 'zh' ? 'zh-Hans' : 'en';
    body.dataset.ui = ui;
    for (const e of document.querySelectorAll('[data-t]')) e.textContent = T(e.dataset.t);
    for (const e of document.querySelectorAll('[data-t-aria]')) e.setAttribute('aria-label', T(e.dataset.tAria));
    for (const e of document.querySelectorAll('[data-t-title]')) e.title = T(e.dataset.tTitle);
    for (const e of document.querySelectorAll('[data-t-placeholder]')) e.placeholder = T(e.dataset.tPlaceholder);
    // The data's own words in the language they have (the credits).
    for (const e of document.querySelectorAll('[data-en]')) e.textContent = ui === 'zh' && e.dataset.zh ? e.dataset.zh : e.dataset.en;
  }

  // ---- the URL ----------------------------------------------------------
  // enc encodes as Go's url.QueryEscape, so that the URL the script makes
  // is the canonical one the server would redirect to.
  const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, '+');
  function qs(p) {
    const keys = [...new Set(p.keys())].sort();
    const out = [];
    for (const k of keys) {
      let vs = p.getAll(k).map((v) => v.trim()).filter((v) => v !== '');
      if (k === 'category') vs = [...new Set(vs)].sort();
      for (const v of vs) out.push(enc(k) + '=' + enc(v));
    }
    return out.join('&');
  }
  function only(p, keys) {
    const q = new URLSearchParams();
    for (const [k, v] of p) if (keys.includes(k)) q.append(k, v);
    return q;
  }
  const FILTERS = ['category', 'industry', 'province', 'q', 'preview'];
  const lang = () => params.get('lang') || body.dataset.lang;

  // The page's map is as big as its box (in steps of 10 px); the size is
  // never part of the shared URL. A size the URL sets wins.
  function boxSize() {
    if (params.has('width') || params.has('height')) return null;
    const w = Math.round(mapBox.clientWidth / 10) * 10;
    const h = Math.round(mapBox.clientHeight / 10) * 10;
    return { w: Math.min(4000, Math.max(320, w || 960)), h: Math.min(4000, Math.max(320, h || 720)) };
  }
  function mapQuery(p) {
    const q = new URLSearchParams(p);
    q.delete('sort'); // the table's, not the map's
    if (!q.has('lang')) q.set('lang', lang());
    const s = boxSize();
    if (s) {
      q.set('width', s.w);
      q.set('height', s.h);
    }
    return qs(q);
  }

  // ---- fetching ---------------------------------------------------------
  async function getJSON(url) {
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    const b = await res.json();
    if (!res.ok) throw new Error(b.error || res.statusText);
    return b;
  }
  async function getSVG(url) {
    const res = await fetch(url);
    if (!res.ok) {
      let msg = res.statusText;
      try { msg = (await res.json()).error || msg; } catch (e) { /* not JSON */ }
      throw new Error(msg);
    }
    const doc = new DOMParser().parseFromString(await res.text(), 'image/svg+xml');
    if (doc.querySelector('parsererror') || doc.documentElement.localName !== 'svg') throw new Error('the map could not be read');
    return document.importNode(doc.documentElement, true);
  }

  // update draws the state in params: the map, its view, the hubs when
  // the filters changed; push adds it to the history.
  // lastEdit is the field whose step pushed the last entry (see change),
  // null when anything else did or the user went Back or Forward.
  let lastEdit = null, lastEditAt = 0;
  const editGap = { q: 2500, province: 1200 };
  async function update(push, what, edit) {
    clearTimeout(typing);
    const mine = ++seq;
    const seen = glide;
    glide = null;
    const url = qs(params);
    const mq = mapQuery(params);
    const hk = hubsQuery();
    if (push) {
      const to = location.pathname + (url ? '?' + url : '');
      if (to !== location.pathname + location.search) {
        // The entry keeps the interface's language, which lang=both
        // leaves as it was: Back to a map in both languages had shown the
        // interface in English after Chinese.
        const state = { ui: ui };
        const now = performance.now();
        if (embed || (edit && lastEdit === edit && now - lastEditAt < editGap[edit])) history.replaceState(state, '', to);
        else history.pushState(state, '', to);
        lastEdit = edit || null;
        lastEditAt = now;
      }
    }
    syncLinks();
    mapBox.classList.add('loading');
    status.classList.remove('error');
    status.textContent = T('status.loading');
    try {
      const [svg, v, fc] = await Promise.all([
        getSVG('/map.svg?' + mq),
        getJSON('/api/view?' + mq),
        hk === hubsKey ? null : getJSON('/api/hubs?' + hk),
      ]);
      if (mine !== seq) return;
      if (fc && hk === hubsQuery()) takeHubs(fc, hk);
      else if (fc) resort(); // the order changed meanwhile
      const renamed = JSON.stringify(v.nouns) !== JSON.stringify(view.nouns);
      view = v;
      if (renamed) translate();
      shown = url;
      swapMap(svg, what === 'zoom' ? seen : null);
      counts();
      renderTable();
      clearNotices();
      status.textContent = '';
      if (what) {
        // Measured once the new map has been painted.
        const start = what === 'zoom' ? settleMark : pending;
        requestAnimationFrame(() => setTimeout(() => performance.measure('hubatlas:' + what, { start: start })));
      }
      if (!detail || detail.hidden) return;
      if (!hubs.has(detail.dataset.hub)) closeDetail(false);
    } catch (e) {
      if (mine === seq) {
        status.textContent = T('status.error', { msg: e.message });
        status.classList.add('error');
      }
    } finally {
      if (mine === seq) mapBox.classList.remove('loading');
    }
  }
  let hubsTotal = 0;
  let shown = qs(params); // the state the map on the page shows
  let settleMark = 0;
  // hubsQuery asks for the hubs of the filters; sorted by a column of
  // text, in the server's order (one order for the table, its link and
  // its downloads, and of all the hubs, not only the first the page
  // loads), in the interface's language.
  function hubsQuery() {
    const q = only(params, FILTERS);
    q.set('limit', new URLSearchParams(body.dataset.hubs.split('?')[1]).get('limit'));
    const s = sortValue(sort);
    if (s) q.set('sort', s);
    if (sort.key !== 'rank') q.set('lang', ui);
    return qs(q);
  }
  function takeHubs(fc, hk) {
    hubs = new Map(fc.features.map((f) => [f.properties.id, Object.assign(f.properties, { lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] })]));
    hubsKey = hk;
    hubsTotal = fc.total;
  }
  // resort lists the table in the order sort says, the server's. A
  // response is taken only while it answers the current order: two quick
  // clicks (name, then -name) could be answered out of order.
  async function resort() {
    const hk = hubsQuery();
    if (hk !== hubsKey) {
      try {
        const fc = await getJSON('/api/hubs?' + hk);
        if (hk !== hubsQuery()) return; // a later order asked for its own
        takeHubs(fc, hk);
      } catch (e) {
        status.textContent = T('status.error', { msg: e.message });
        status.classList.add('error');
        return;
      }
    }
    renderTable();
  }

  // change is a user's edit of the filters: drawn and pushed. edit names
  // a field edited a step at a time ('q' as it is typed, 'province' as
  // the arrow keys step through the list): one entry in the history for
  // it, which its next steps replace while they follow each other within
  // editGap ms and nothing else was pushed between (typing "shoes" had
  // left five, and Back had gone to "shoe").
  function change(edit) {
    pending = performance.now();
    update(true, 'filter', typeof edit === 'string' ? edit : '');
  }

  // ---- the map ----------------------------------------------------------
  function svgEl() {
    return mapBox.querySelector('svg');
  }
  // swapMap replaces the map by svg, already loaded (no blank frame), and
  // gives the focus back to the same hub or province when it had it.
  function swapMap(svg, seen) {
    const a = document.activeElement;
    const inMap = a && a !== mapBox && mapBox.contains(a);
    let again = null;
    const g = inMap && a.closest('[data-hub]');
    if (g) again = '[data-hub="' + g.dataset.hub + '"] [tabindex]';
    else if (inMap && a.dataset.province) again = '[data-province="' + a.dataset.province + '"]';
    z = { x: 0, y: 0, k: 1 };
    hideTip();
    mapBox.replaceChildren(svg);
    decorate(svg);
    mapBox.dataset.scale = view.scale;
    if (seen) {
      // The server's layout may frame the window differently (a legend
      // beside the map): start the new map where the window was seen
      // and let it glide into its own frame.
      const r = seen, n = view;
      const x0 = n.x0 + r.m[0] * n.scale, x1 = n.x0 + r.m[2] * n.scale, y0 = n.y0 - r.m[3] * n.scale;
      const k = (r.s[2] - r.s[0]) / (x1 - x0);
      if (k > 0.5 && k < 2 && Math.abs(k - 1) > 0.01) {
        z = { k: k, x: x0 - r.s[0] / k, y: y0 - r.s[1] / k };
        applyZoom();
        glideTo({ x: 0, y: 0, k: 1 }, 260);
      }
    }
    if (inMap) {
      const t = again && svg.querySelector(again);
      (t || mapBox).focus({ preventScroll: true });
    }
    if (detail && !detail.hidden) mark(detail.dataset.hub, 'active');
  }

  // decorate makes the inline map a group of controls (the export keeps
  // role="img"): hubs are buttons in reading order, north to south, with a
  // hit area larger than the marker; provinces are focusable, one Tab
  // stop with the arrow keys between them.
  function decorate(svg) {
    const title = svg.querySelector('title');
    svg.setAttribute('role', 'group');
    svg.setAttribute('aria-label', title ? title.textContent : T('map'));
    for (const e of svg.querySelectorAll(':scope > title, :scope > desc')) e.remove();
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    const seen = new Set();
    const main = [];
    for (const g of svg.querySelectorAll('g[data-hub]')) {
      const id = g.dataset.hub;
      if (seen.has(id)) {
        g.setAttribute('aria-hidden', 'true'); // its copy in an inset
        continue;
      }
      seen.add(id);
      main.push(g);
    }
    const discs = main.map((g) => {
      const c = g.querySelector('circle');
      return c && { x: +c.getAttribute('cx'), y: +c.getAttribute('cy'), r: +c.getAttribute('r') };
    });
    main.forEach((g, i) => {
      // The control is a circle over the marker, larger than it (a
      // target of 26 px at least), so that the label's text, drawn twice
      // for its halo, does not become the button's content; hitRadius
      // keeps it off its neighbours' targets.
      const id = g.dataset.hub;
      const c = discs[i];
      let hit = g;
      if (c) {
        hit = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
        hit.setAttribute('cx', c.x);
        hit.setAttribute('cy', c.y);
        hit.setAttribute('r', hitRadius(c, discs));
        hit.setAttribute('class', 'hit');
        g.append(hit);
      }
      hit.setAttribute('tabindex', '0');
      hit.setAttribute('role', 'button');
      const h = hubs.get(id);
      if (h) hit.setAttribute('aria-label', pick(h.name, h.name_zh) + ', ' + provName(h.province) + ': ' + productsOf(h));
      else if (id.startsWith('cluster-')) hit.setAttribute('aria-label', (g.textContent || '').trim() + ' · ' + T('zoom.in'));
      else hit.setAttribute('aria-label', id);
    });
    const key = (g) => {
      const h = hubs.get(g.dataset.hub);
      if (h) return [-h.lat, h.lon];
      const c = g.querySelector('circle');
      return c ? [+c.getAttribute('cy'), +c.getAttribute('cx')] : [0, 0];
    };
    if (main.length > 1) {
      const next = main[main.length - 1].nextSibling;
      const parent = main[0].parentNode;
      const sorted = main.map((g) => [key(g), g]).sort((a, b) => a[0][0] - b[0][0] || a[0][1] - b[0][1]);
      for (const [, g] of sorted) parent.insertBefore(g, next);
    }
    const provs = [...svg.querySelectorAll('[data-province]')];
    const boxes = new Map(provs.map((p) => [p, p.getBBox()]));
    provs.sort((a, b) => boxes.get(a).y + boxes.get(a).height / 2 - (boxes.get(b).y + boxes.get(b).height / 2));
    provinceOrder = provs;
    provs.forEach((p, i) => {
      p.setAttribute('tabindex', i === 0 ? '0' : '-1');
      p.setAttribute('role', 'button');
      p.setAttribute('aria-label', provinceText(p.dataset.province));
    });
  }
  let provinceOrder = [];

  // hitRadius is the radius of a marker's target: 13 px at least, or 4 px
  // past the marker, but no farther than halfway to another marker's
  // centre (never less than the marker itself), so that targets do not
  // overlap. Each had been 13 px whatever its neighbours, and the one
  // drawn last had taken the others' clicks: Shenzhen's, Dongguan's and
  // Foshan's markers had opened Zhuhai.
  function hitRadius(c, discs) {
    let r = Math.max(13, c.r + 4);
    for (const o of discs) {
      if (!o || o === c) continue;
      r = Math.min(r, Math.hypot(o.x - c.x, o.y - c.y) / 2);
    }
    return Math.round(Math.max(r, c.r) * 10) / 10;
  }

  const provStat = (code) => (view.provinces || []).find((p) => p.code === code);
  function provName(code) {
    const p = provStat(code);
    return p ? pick(p.name, p.name_zh) : code;
  }
  function catName(id) {
    const c = (view.categories || []).find((x) => x.id === id);
    return c ? pick(c.name, c.name_zh) : id;
  }
  function provinceText(code) {
    const p = provStat(code);
    if (!p) return code;
    let s = T('province.label', { name: pick(p.name, p.name_zh), count: hubCount(p.count) });
    if (p.top && p.top.length) s += ' · ' + T('tip.top') + ': ' + p.top.map(catName).join(', ');
    return s;
  }

  // ---- zoom and pan -----------------------------------------------------
  function applyZoom() {
    const svg = svgEl();
    if (!svg) return;
    svg.setAttribute('viewBox', [z.x, z.y, view.width / z.k, view.height / z.k].map((v) => Math.round(v * 100) / 100).join(' '));
  }
  // toMap returns the point of the map (its own px) under client x, y.
  function toMap(cx, cy) {
    const svg = svgEl();
    const m = svg.getScreenCTM();
    if (!m) return { x: view.width / 2, y: view.height / 2 };
    const p = new DOMPoint(cx, cy).matrixTransform(m.inverse());
    return { x: p.x, y: p.y };
  }
  // gesture: the user moves the map; a map still on its way (and a glide)
  // would put back a view the user has left, so they are let go.
  let glideGen = 0;
  function gesture() {
    glideGen++;
    if (mapBox.classList.contains('loading')) {
      seq++;
      mapBox.classList.remove('loading');
      status.textContent = '';
    }
  }
  function zoomAt(p, f) {
    gesture();
    const k = Math.min(64, Math.max(minZoom(), z.k * f));
    z.x = p.x - (p.x - z.x) * (z.k / k);
    z.y = p.y - (p.y - z.y) * (z.k / k);
    z.k = k;
    applyZoom();
    hideTip();
    scheduleSettle();
  }
  // minZoom is how far out the map shown may go before the window is
  // drawn anew: to where its window holds all of China, or half the map
  // where that is nearer. Half the map in every case had let a gesture
  // widen the window two times at most: out of a window of Shenzhen,
  // fifteen turns of the wheel had reached 0.39°.
  function minZoom() {
    const b = projBound([73.5, 18.2, 134.8, 53.6]);
    const f = view.frame, s = view.scale;
    return Math.min(0.5, (f[2] - f[0]) / ((b[2] - b[0]) * s), (f[3] - f[1]) / ((b[3] - b[1]) * s));
  }
  function centre() {
    const f = view.frame;
    return { x: z.x + (f[0] + f[2]) / 2 / z.k, y: z.y + (f[1] + f[3]) / 2 / z.k };
  }
  function scheduleSettle() {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(settle, 250);
  }

  // Albers equal-area conic on WGS84, as geo.China (Snyder pp. 98-103).
  const A = 6378137, F = 1 / 298.257223563, E2 = F * (2 - F), E = Math.sqrt(E2), RAD = Math.PI / 180;
  function albers(lat1, lat2, lon0) {
    const m = (phi) => Math.cos(phi) / Math.sqrt(1 - E2 * Math.sin(phi) ** 2);
    const q = (phi) => {
      const s = Math.sin(phi), es = E * s;
      return (1 - E2) * (s / (1 - es * es) - Math.log((1 - es) / (1 + es)) / (2 * E));
    };
    const p1 = lat1 * RAD, p2 = lat2 * RAD;
    const n = (m(p1) ** 2 - m(p2) ** 2) / (q(p2) - q(p1));
    const c = m(p1) ** 2 + n * q(p1);
    const rho0 = (A * Math.sqrt(c - n * q(0))) / n;
    return {
      fwd(lon, lat) {
        const rho = (A * Math.sqrt(c - n * q(lat * RAD))) / n, th = n * (lon - lon0) * RAD;
        return [rho * Math.sin(th), rho0 - rho * Math.cos(th)];
      },
      inv(x, y) {
        const yy = rho0 - y, rho = Math.hypot(x, yy), th = Math.atan2(x, yy);
        const qq = (c - (rho * rho * n * n) / (A * A)) / n;
        let phi = Math.asin(Math.max(-1, Math.min(1, qq / 2)));
        for (let i = 0; i < 15; i++) {
          const s = Math.sin(phi), es = E * s, one = 1 - es * es;
          const d = ((one * one) / (2 * Math.cos(phi))) * (qq / (1 - E2) - s / one + Math.log((1 - es) / (1 + es)) / (2 * E));
          phi += d;
          if (Math.abs(d) < 1e-12) break;
        }
        return [lon0 + th / n / RAD, phi / RAD];
      },
    };
  }
  let proj = albers(view.proj[0], view.proj[1], view.proj[2]);

  // projBound is the projected bound of a lon/lat box, sampled as the
  // server does (parallels curve under the conic projection).
  function projBound(b) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = 0; i <= 16; i++) {
      const t = i / 16, lon = b[0] + t * (b[2] - b[0]), lat = b[1] + t * (b[3] - b[1]);
      for (const [a, c] of [[lon, b[1]], [lon, b[3]], [b[0], lat], [b[2], lat]]) {
        const p = proj.fwd(a, c);
        x0 = Math.min(x0, p[0]); x1 = Math.max(x1, p[0]); y0 = Math.min(y0, p[1]); y1 = Math.max(y1, p[1]);
      }
    }
    return [x0, y0, x1, y1];
  }
  // windowBBox returns the lon/lat box whose projected bound is the
  // window w (metres), found by a few corrections.
  function windowBBox(w) {
    const mx = (w[0] + w[2]) / 2, my = (w[1] + w[3]) / 2;
    const b = [proj.inv(w[0], my)[0], proj.inv(mx, w[1])[1], proj.inv(w[2], my)[0], proj.inv(mx, w[3])[1]];
    for (let i = 0; i < 8; i++) {
      const p = projBound(b);
      const sx = (b[2] - b[0]) / (p[2] - p[0]), sy = (b[3] - b[1]) / (p[3] - p[1]);
      b[0] += (w[0] - p[0]) * sx; b[2] += (w[2] - p[2]) * sx;
      b[1] += (w[1] - p[1]) * sy; b[3] += (w[3] - p[3]) * sy;
    }
    return b;
  }
  // settle asks the server for the window seen: the frame's part of the
  // zoomed map, less the margin the server keeps around a window.
  function settle() {
    // Nothing moved, and the URL says what the map shows.
    if (z.k === 1 && z.x === 0 && z.y === 0 && qs(params) === shown) return;
    settleMark = performance.now();
    const f = view.frame, pad = view.pad;
    const px = [z.x + (f[0] + pad) / z.k, z.y + (f[1] + pad) / z.k, z.x + (f[2] - pad) / z.k, z.y + (f[3] - pad) / z.k];
    const m = (x, y) => [(x - view.x0) / view.scale, (view.y0 - y) / view.scale];
    const lo = m(px[0], px[3]), hi = m(px[2], px[1]);
    glide = { m: [lo[0], lo[1], hi[0], hi[1]], s: [f[0] + pad, f[1] + pad, f[2] - pad, f[3] - pad] };
    let b = windowBBox([lo[0], lo[1], hi[0], hi[1]]);
    const r4 = (v) => Math.round(v * 1e4) / 1e4;
    // Limits of the bbox parameter: 60-150°E, 0-60°N, 0.05° to 90°×60°.
    const cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
    const hw = Math.min(45, Math.max(0.06, (b[2] - b[0]) / 2)), hh = Math.min(30, Math.max(0.06, (b[3] - b[1]) / 2));
    b = [cx - hw, cy - hh, cx + hw, cy + hh];
    if (b[0] < 60) b = [60, b[1], 60 + 2 * hw, b[3]];
    if (b[2] > 150) b = [150 - 2 * hw, b[1], 150, b[3]];
    if (b[1] < 0) b = [b[0], 0, b[2], 2 * hh];
    if (b[3] > 60) b = [b[0], 60 - 2 * hh, b[2], 60];
    params.delete('focus');
    if (b[0] <= 73.6 && b[2] >= 134.8 && b[1] <= 18.3 && b[3] >= 53.5) {
      params.delete('bbox'); // all of China or more: the default view
      if (!params.get('province')) {
        if (qs(params) === location.search.slice(1)) {
          z = { x: 0, y: 0, k: 1 };
          applyZoom();
          return;
        }
      }
    } else {
      params.set('bbox', b.map(r4).join(','));
    }
    update(true, 'zoom');
  }
  let glide = null; // the window seen at the last settle: metres and screen px
  function glideTo(to, ms, then) {
    const from = Object.assign({}, z), t0 = performance.now(), gen = ++glideGen;
    const step = (now) => {
      if (gen !== glideGen) return; // the user took over
      const t = Math.max(0, Math.min(1, (now - t0) / ms)), e = t * (2 - t); // rAF time may precede t0
      z = { k: from.k + (to.k - from.k) * e, x: from.x + (to.x - from.x) * e, y: from.y + (to.y - from.y) * e };
      applyZoom();
      if (t < 1) requestAnimationFrame(step);
      else if (then) then();
    };
    requestAnimationFrame(step);
  }
  function zoomToBox(x0, y0, x1, y1, then) {
    const f = view.frame;
    const k = Math.min(64, Math.min((f[2] - f[0]) / (x1 - x0), (f[3] - f[1]) / (y1 - y0)) * 0.9);
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    glideTo({ k: k, x: cx - (f[0] + f[2]) / 2 / k, y: cy - (f[1] + f[3]) / 2 / k }, 220, then);
  }
  function zoomToProvince(code) {
    const p = mapBox.querySelector('[data-province="' + code + '"]');
    hideTip();
    const go = () => {
      params.delete('bbox');
      params.set('focus', code);
      pending = performance.now();
      update(true, 'filter');
    };
    if (!p) return go();
    const b = p.getBBox();
    zoomToBox(b.x, b.y, b.x + b.width, b.y + b.height, go);
  }

  const pointers = new Map();
  let drag = null;
  mapBox.addEventListener('wheel', (e) => {
    if (!svgEl()) return;
    e.preventDefault();
    const f = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : e.deltaMode === 2 ? 1 : 0.0025));
    zoomAt(toMap(e.clientX, e.clientY), f);
  }, { passive: false });
  mapBox.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || !svgEl()) return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const m = svgEl().getScreenCTM();
    drag = { x: e.clientX, y: e.clientY, z: Object.assign({}, z), s: m ? m.a : 1, moved: false, pinch: null };
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      drag.pinch = { d: Math.hypot(a.x - b.x, a.y - b.y), k: z.k };
    }
  });
  mapBox.addEventListener('pointermove', (e) => {
    if (!drag || !pointers.has(e.pointerId)) return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.size === 2 && drag.pinch) {
      const [a, b] = [...pointers.values()];
      const d = Math.hypot(a.x - b.x, a.y - b.y);
      const mid = toMap((a.x + b.x) / 2, (a.y + b.y) / 2);
      zoomAt(mid, (drag.pinch.k * d) / drag.pinch.d / z.k);
      drag.moved = true;
      return;
    }
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      gesture();
      drag.z = Object.assign({}, z);
      mapBox.setPointerCapture(e.pointerId);
      mapBox.classList.add('dragging');
      hideTip();
    }
    z.x = drag.z.x - dx / drag.s;
    z.y = drag.z.y - dy / drag.s;
    applyZoom();
  });
  function endPointer(e) {
    pointers.delete(e.pointerId);
    if (!drag) return;
    if (drag.moved) {
      suppressClick = true;
      setTimeout(() => (suppressClick = false), 0);
      scheduleSettle();
    }
    mapBox.classList.remove('dragging');
    if (pointers.size === 0) drag = null;
  }
  mapBox.addEventListener('pointerup', endPointer);
  mapBox.addEventListener('pointercancel', endPointer);
  mapBox.addEventListener('dblclick', (e) => {
    e.preventDefault();
    zoomAt(toMap(e.clientX, e.clientY), e.shiftKey ? 0.5 : 2);
  });
  const zin = $('zoom-in'), zout = $('zoom-out'), fs = $('fullscreen');
  zin.hidden = zout.hidden = false;
  zin.addEventListener('click', () => zoomAt(centre(), 2));
  zout.addEventListener('click', () => zoomAt(centre(), 0.5));
  mapBox.addEventListener('keydown', (e) => {
    const g = e.target.closest('[data-hub]');
    const p = e.target.closest('[data-province]');
    if (g && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      activateHub(g);
      return;
    }
    if (p && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      zoomToProvince(p.dataset.province);
      return;
    }
    if (p && /^Arrow/.test(e.key)) {
      e.preventDefault();
      const i = provinceOrder.indexOf(p);
      const n = provinceOrder[(i + (e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : provinceOrder.length - 1)) % provinceOrder.length];
      p.setAttribute('tabindex', '-1');
      n.setAttribute('tabindex', '0');
      n.focus({ preventScroll: true });
      return;
    }
    if (e.key === '+' || e.key === '=') zoomAt(centre(), 1.5);
    else if (e.key === '-' || e.key === '_') zoomAt(centre(), 1 / 1.5);
    else if (e.target === mapBox && /^Arrow/.test(e.key)) {
      const d = 60 / z.k;
      z.x += e.key === 'ArrowLeft' ? -d : e.key === 'ArrowRight' ? d : 0;
      z.y += e.key === 'ArrowUp' ? -d : e.key === 'ArrowDown' ? d : 0;
      applyZoom();
      scheduleSettle();
    } else return;
    e.preventDefault();
  });
  if (fs) {
    const mv = $('mapview');
    fs.hidden = false;
    const pressed = () => fs.setAttribute('aria-pressed', String(!!document.fullscreenElement || mv.classList.contains('fs')));
    fs.addEventListener('click', () => {
      if (document.fullscreenElement) document.exitFullscreen();
      else if (mv.classList.contains('fs')) mv.classList.remove('fs');
      else if (mv.requestFullscreen) mv.requestFullscreen().catch(() => mv.classList.add('fs'));
      else mv.classList.add('fs');
      setTimeout(pressed, 50);
    });
    document.addEventListener('fullscreenchange', () => {
      pressed();
      const on = !!document.fullscreenElement;
      fs.setAttribute('aria-label', T(on ? 'fullscreen.exit' : 'fullscreen'));
    });
  }
  // The map follows its box: a new size is drawn once the box settles.
  let lastSize = boxSize();
  new ResizeObserver(() => {
    const s = boxSize();
    if (!s || !lastSize) return;
    const off = Math.abs(s.w - view.width) / view.width > 0.04 || Math.abs(s.h - view.height) / view.height > 0.04;
    if (off && (s.w !== lastSize.w || s.h !== lastSize.h)) {
      lastSize = s;
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => update(false), 250);
    }
  }).observe(mapBox);
  let resizeTimer = 0;

  // ---- tooltips, details, highlights ------------------------------------
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function place(r) {
    tip.hidden = false;
    const box = tip.parentElement.getBoundingClientRect();
    let left = r.right - box.left + 10;
    if (left + tip.offsetWidth > box.width) left = r.left - box.left - tip.offsetWidth - 10;
    tip.style.left = Math.max(0, left) + 'px';
    tip.style.top = Math.max(0, Math.min(box.height - tip.offsetHeight, r.top - box.top - 4)) + 'px';
  }
  function showHubTip(g) {
    const h = hubs.get(g.dataset.hub);
    if (!h) {
      if (g.dataset.hub.startsWith('cluster-')) showClusterTip(g.dataset.hub);
      return;
    }
    const sub = other(h.name, h.name_zh);
    tip.replaceChildren(el('strong', '', pick(h.name, h.name_zh) + (sub ? ' ' + sub : '')), el('div', 'tip-sub', provName(h.province)), el('div', '', productsOf(h)));
    place((g.querySelector('circle') || g).getBoundingClientRect());
    markRow(h.id, true);
  }
  // showClusterTip names a circle of several hubs, as its label and its
  // count say (each drawn twice, halo and ink), and what a click does.
  function showClusterTip(id) {
    const words = [];
    for (const t of mapBox.querySelectorAll('[data-hub="' + id + '"] text')) {
      const w = t.textContent.trim();
      if (w && !words.includes(w)) words.push(w);
    }
    const c = mapBox.querySelector('[data-hub="' + id + '"] circle');
    if (!c || !words.length) return;
    tip.replaceChildren(el('strong', '', words.join(': ')), el('div', 'tip-sub', T('tip.zoom')));
    place(c.getBoundingClientRect());
  }
  function showProvTip(p, x, y) {
    const s = provStat(p.dataset.province);
    if (!s) return;
    const items = [el('strong', '', pick(s.name, s.name_zh)), el('div', '', hubCount(s.count))];
    if (s.top && s.top.length) items.push(el('div', 'tip-sub', T('tip.top') + ': ' + s.top.map(catName).join(', ')));
    tip.replaceChildren(...items);
    const r = x === undefined ? p.getBoundingClientRect() : new DOMRect(x, y, 0, 0);
    place(r);
  }
  function hideTip() {
    tip.hidden = true;
    markRow(null);
  }
  // mark gives the class cls to the hub's marker (and its copies) alone.
  function mark(id, cls) {
    for (const e of mapBox.querySelectorAll('[data-hub].' + cls)) e.classList.remove(cls);
    if (id) for (const e of mapBox.querySelectorAll('[data-hub="' + id + '"]')) e.classList.add(cls);
  }
  function markRow(id, scroll) {
    if (!rows) return;
    for (const r of rows.querySelectorAll('tr.hl')) r.classList.remove('hl');
    if (!id) return;
    const r = rows.querySelector('tr[data-row="' + id + '"]');
    if (!r) return;
    r.classList.add('hl');
    if (scroll) {
      // Scroll the table's own box only: the page never jumps.
      const box = r.closest('.tablescroll');
      if (box && box.scrollHeight > box.clientHeight) {
        const top = r.offsetTop - box.clientHeight / 2;
        box.scrollTop = Math.max(0, top);
      }
    }
  }
  function activateHub(g) {
    const id = g.dataset.hub;
    if (id.startsWith('cluster-')) {
      // The circle's group, also for its count, drawn in a group of its
      // own over the circles (a click on "96" had thrown).
      const c = mapBox.querySelector('[data-hub="' + id + '"] circle');
      if (!c) return;
      const x = +c.getAttribute('cx'), y = +c.getAttribute('cy'), r = +c.getAttribute('r');
      zoomToBox(x - 3 * r, y - 3 * r, x + 3 * r, y + 3 * r, scheduleSettle);
      return;
    }
    openDetail(id, g);
  }
  // productsOf lists h's products in the interface's language, where the
  // data names them so (in Chinese the table and tooltips had listed them
  // in English, the details in Chinese).
  function productsOf(h) {
    const zh = (p) => {
      const s = (h.specialties || []).find((x) => x.product === p);
      return s ? pick(s.product, s.product_zh) : p;
    };
    const names = [...new Set(h.products.map(zh))];
    // 、 between Chinese words, a comma between others ("Electric fans、Air
    // fryers" had read so in Chinese, of a list without Chinese names).
    const han = (w) => /\p{Script=Han}/u.test(w);
    return names.join(ui === 'zh' && names.every(han) ? '、' : ', ');
  }
  function openDetail(id, from) {
    const h = hubs.get(id);
    if (!h || !detail) return;
    opener = (from && from.querySelector && from.querySelector('[tabindex]')) || from || null;
    const sub = other(h.name, h.name_zh);
    const title = $('detail-title');
    title.replaceChildren(pick(h.name, h.name_zh));
    if (sub) {
      const s = el('span', 'sub', ' ' + sub);
      s.lang = ui === 'zh' ? 'en' : 'zh-Hans';
      title.append(s);
    }
    $('detail-meta').textContent = provName(h.province) + (h.city && h.city !== h.name ? ' · ' + h.city : '') + ' · ' + (h.rank ? T('detail.rank', { rank: h.rank }) : T('detail.unranked'));
    const items = (h.specialties || []).map((s) => {
      const li = el('li', s.matched ? '' : 'dim');
      const cat = catName(s.category);
      const name = pick(s.product, s.product_zh);
      li.append(el('strong', '', name + (other(s.product, s.product_zh || s.product) ? ' ' + other(s.product, s.product_zh || s.product) : '')), cat !== name && cat !== s.product ? ' · ' + cat : '');
      if (s.description) li.append(' — ' + s.description);
      return li;
    });
    $('detail-specialties').replaceChildren(...items);
    const web = $('detail-web');
    web.hidden = !/^https?:\/\//.test(h.url || '');
    if (!web.hidden) web.href = h.url;
    detail.dataset.hub = id;
    detail.classList.remove('left');
    detail.hidden = false;
    // Beside the hub, not over it: at the left where the top right
    // corner covers its marker (Harbin's and Changchun's details had hidden
    // them). A phone's sheet stays at the foot of the screen.
    const g = mapBox.querySelector('[data-hub="' + id + '"] circle');
    if (g && getComputedStyle(detail).position === 'absolute') {
      const m = g.getBoundingClientRect(), d = detail.getBoundingClientRect();
      if (m.right > d.left && m.left < d.right && m.bottom > d.top && m.top < d.bottom) detail.classList.add('left');
    }
    // Opened from the table below the map, the details come into view:
    // they had opened above the window, only the row marked.
    const box = detail.getBoundingClientRect();
    if (box.top < 0 || box.bottom > innerHeight) detail.scrollIntoView({ block: 'nearest' });
    mark(id, 'active');
    for (const r of rows ? rows.querySelectorAll('tr.active') : []) r.classList.remove('active');
    const r = rows && rows.querySelector('tr[data-row="' + id + '"]');
    if (r) r.classList.add('active');
    detail.focus({ preventScroll: true });
  }
  function closeDetail(refocus) {
    if (!detail || detail.hidden) return;
    detail.hidden = true;
    mark(null, 'active');
    for (const r of rows ? rows.querySelectorAll('tr.active') : []) r.classList.remove('active');
    if (!refocus) return;
    // Back to the marker that opened the details, or, when a redraw has
    // replaced it meanwhile, the same hub's marker in the new map.
    const again = opener && document.contains(opener) ? opener : mapBox.querySelector('[data-hub="' + detail.dataset.hub + '"] [tabindex]');
    (again || mapBox).focus({ preventScroll: true });
  }

  mapBox.addEventListener('pointerover', (e) => {
    if (drag && drag.moved) return;
    const g = e.target.closest('[data-hub]');
    if (g) {
      showHubTip(g);
      return;
    }
    const p = e.target.closest('[data-province]');
    if (p) showProvTip(p, e.clientX, e.clientY);
  });
  mapBox.addEventListener('pointerout', (e) => {
    const t = e.target.closest('[data-hub], [data-province]');
    if (t && !t.contains(e.relatedTarget)) hideTip();
  });
  mapBox.addEventListener('focusin', (e) => {
    const g = e.target.closest('[data-hub]');
    const p = e.target.closest('[data-province]');
    if (g) showHubTip(g);
    else if (p) showProvTip(p);
  });
  mapBox.addEventListener('focusout', hideTip);
  mapBox.addEventListener('click', (e) => {
    if (suppressClick) return;
    const g = e.target.closest('[data-hub]');
    if (g) {
      activateHub(g);
      return;
    }
    const p = e.target.closest('[data-province]');
    if (p) zoomToProvince(p.dataset.province);
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      hideTip();
      // An open menu closes first, the focus back on its button (Esc
      // had left the Download, Export and Share menus open).
      const menu = document.querySelector('details.menu[open]');
      if (menu) {
        menu.open = false;
        menu.querySelector('summary').focus();
        return;
      }
      if (form && form.classList.contains('open')) sheet(false);
      closeDetail(true);
    }
  });
  if (detail) {
    $('detail-close').addEventListener('click', () => closeDetail(true));
    $('detail-zoom').addEventListener('click', () => {
      const h = hubs.get(detail.dataset.hub);
      if (!h) return;
      params.delete('focus');
      params.set('bbox', [h.lon - 1.2, h.lat - 0.9, h.lon + 1.2, h.lat + 0.9].map((v) => Math.round(v * 1e4) / 1e4).join(','));
      settleMark = performance.now();
      update(true, 'zoom');
    });
  }

  // ---- legend -----------------------------------------------------------
  const legend = $('legend');
  function highlightIndustry(id) {
    mapBox.classList.toggle('dim', !!id);
    for (const g of mapBox.querySelectorAll('[data-hub]')) {
      const h = hubs.get(g.dataset.hub);
      g.classList.toggle('hl', !!id && !!h && (h.industries || []).includes(id));
    }
    for (const a of legend.querySelectorAll('.legend-item')) a.classList.toggle('hl', a.dataset.industry === id);
  }
  legend.addEventListener('pointerover', (e) => {
    const a = e.target.closest('[data-industry]');
    if (a) highlightIndustry(a.dataset.industry);
  });
  legend.addEventListener('pointerleave', () => highlightIndustry(null));
  legend.addEventListener('focusin', (e) => {
    const a = e.target.closest('[data-industry]');
    if (a) highlightIndustry(a.dataset.industry);
  });
  legend.addEventListener('focusout', () => highlightIndustry(null));
  legend.addEventListener('click', (e) => {
    const a = e.target.closest('[data-industry]');
    if (!a) return;
    e.preventDefault();
    const id = a.dataset.industry;
    if (params.get('industry') === id) params.delete('industry');
    else {
      params.set('industry', id);
      keepCategoriesOf(id);
    }
    setForm();
    highlightIndustry(null);
    change();
  });

  // ---- counts, links, form ----------------------------------------------
  // heading counts the hubs of the filters, in the province shown when
  // there is one.
  function heading() {
    const place = params.get('focus') || params.get('province');
    const p = place && provStat(place);
    return p ? T('hubs.in', { count: hubCount(p.count), place: pick(p.name, p.name_zh) }) : hubCount(view.total);
  }
  function counts() {
    $('heading').textContent = heading();
    document.title = view.title + ' · hubatlas';
    if (embed) {
      for (const i of view.industries) for (const n of document.querySelectorAll('fieldset[data-industry="' + i.id + '"] > legend .name, #legend [data-industry="' + i.id + '"] .name')) n.textContent = pick(i.name, i.name_zh);
      return;
    }
    $('sheet-count').textContent = heading();
    for (const c of view.categories) {
      const chip = form.querySelector('.chip[data-category="' + c.id + '"]');
      if (!chip) continue;
      chip.querySelector('.count').textContent = String(c.count);
      chip.querySelector('.name').textContent = pick(c.name, c.name_zh);
      chip.classList.toggle('on', c.selected);
      chip.classList.toggle('zero', c.count === 0 && !c.selected);
    }
    for (const i of view.industries) {
      for (const n of document.querySelectorAll('fieldset[data-industry="' + i.id + '"] > legend .name, #legend [data-industry="' + i.id + '"] .name')) n.textContent = pick(i.name, i.name_zh);
      const s = form.querySelector('[data-icount="' + i.id + '"]');
      if (s) s.textContent = String(i.count);
      const fsx = form.querySelector('fieldset[data-industry="' + i.id + '"]');
      if (fsx) fsx.classList.toggle('on', params.get('industry') === i.id);
    }
    const sel = form.elements.province;
    for (const p of view.provinces) {
      const o = sel.querySelector('option[value="' + p.code + '"]');
      if (o) o.textContent = pick(p.name, p.name_zh) + ' (' + p.all + ')';
    }
    // In the order of the names shown (pinyin in Chinese), all of China
    // first, as the server lists them for each language (data-order-*):
    // the language may have changed.
    const rank = (o) => +(ui === 'zh' ? o.dataset.orderZh : o.dataset.orderEn);
    const opts = [...sel.options].filter((o) => o.value);
    opts.sort((x, y) => rank(x) - rank(y));
    if (opts.some((o, i) => sel.options[i + 1] !== o)) sel.append(...opts);
    const nm = $('nomatch');
    nm.replaceChildren();
    if (view.total === 0) {
      const q = params.get('q');
      nm.append(el('p', '', q ? T('nomatch', { q: q }) : T('nomatch.filters')));
      if (view.suggest && view.suggest.length) {
        const p = el('p');
        p.append(el('span', '', T('suggest')), ' ');
        for (const s of view.suggest) {
          const b = el('button', 'chip suggestion', pick(s.name, s.name_zh));
          b.type = 'button';
          b.dataset.suggest = s.id;
          p.append(b, ' ');
        }
        nm.append(p);
      }
    }
  }
  function clearNotices() {
    for (const n of document.querySelectorAll('.notice')) n.remove();
  }
  // syncLinks points downloads, exports, share and embed at the state.
  function syncLinks() {
    const set = (id, href) => {
      const a = $(id);
      if (a) a.href = href;
    };
    const here = qs(params);
    set('china', (embed ? '/embed' : '/') + '?' + qs((() => { const q = new URLSearchParams(params); q.delete('province'); q.delete('focus'); q.delete('bbox'); return q; })()));
    $('china').hidden = !params.get('province') && !params.get('focus') && !params.get('bbox');
    if (embed) return;
    // Data: the hubs the map draws, as the table lists them; a zoomed map
    // or a province's view sends the map's query along (its frame
    // depends on its size, language and layout).
    const zoomed = params.has('bbox') || params.has('focus');
    const dq = new URLSearchParams(zoomed ? mapQuery(params) : qs(only(params, FILTERS)));
    // In the table's order; a window's download keeps the map's language
    // (its frame depends on it), and sorts in it.
    if (params.has('sort')) dq.set('sort', params.get('sort'));
    if (params.has('sort') && sort.key !== 'rank' && !zoomed) dq.set('lang', ui);
    const data = qs(dq);
    for (const f of ['csv', 'xlsx', 'geojson']) set('dl-' + f, '/download.' + f + (data ? '?' + data : ''));
    // Exports: the window seen, at the screen's aspect, at least 1200 px wide.
    const q = new URLSearchParams(params);
    q.delete('sort');
    const s = boxSize();
    if (s) {
      const k = Math.max(1, 1200 / Math.max(s.w, s.h));
      q.set('width', Math.min(4000, Math.round(s.w * k)));
      q.set('height', Math.min(4000, Math.round(s.h * k)));
    }
    if (!q.has('lang')) q.set('lang', lang());
    const ex = qs(q);
    set('export', '/export.svg?' + ex);
    set('export-png', '/export.png?' + ex);
    set('export-pdf', '/export.pdf?' + ex);
    // The view on a page: the page's size in place of the screen's.
    for (const a of document.querySelectorAll('a.page-export')) {
      const pq = new URLSearchParams(q);
      pq.delete('width');
      pq.delete('height');
      pq.set('page', a.dataset.page);
      if (a.dataset.dpi) pq.set('dpi', a.dataset.dpi);
      a.href = '/export.' + a.dataset.format + '?' + qs(pq);
    }
    $('share-url').value = location.origin + '/' + (here ? '?' + here : '');
    const eq = new URLSearchParams(params);
    eq.delete('preview');
    eq.delete('sort');
    const e = qs(eq);
    $('embed-code').value = '<iframe src="' + location.origin + '/embed' + (e ? '?' + e : '') + '" title="' + heading().replace(/[&"<>]/g, (c) => '&#' + c.charCodeAt(0) + ';') + ' · hubatlas" width="100%" height="600" loading="lazy"></iframe>';
    $('clear').href = '/' + (params.get('lang') ? '?lang=' + enc(params.get('lang')) : '');
    for (const a of document.querySelectorAll('.editions a')) {
      const l = new URLSearchParams(params);
      l.set('edition', a.dataset.edition);
      a.href = '/?' + qs(l);
      if (a.dataset.edition === (params.get('edition') || body.dataset.edition)) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    }
    for (const a of document.querySelectorAll('.langs a')) {
      const l = new URLSearchParams(params);
      l.set('lang', a.dataset.lang);
      a.href = '/?' + qs(l);
      if (a.dataset.lang === lang()) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    }
    for (const a of legend.querySelectorAll('[data-industry]')) {
      const on = params.get('industry') === a.dataset.industry;
      a.classList.toggle('on', on);
      if (on) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    }
    banner();
  }
  function setForm() {
    if (embed) return;
    form.elements.q.value = params.get('q') || '';
    const cats = params.getAll('category');
    for (const box of form.querySelectorAll('input[name=category]')) {
      box.checked = cats.includes(box.value);
      box.closest('.chip').classList.toggle('on', box.checked);
    }
    const ind = params.get('industry') || '';
    for (const r of form.querySelectorAll('input[name=industry]')) r.checked = r.value === ind;
    form.elements.province.value = (params.get('province') || '').toUpperCase();
    // The hidden fields carry the view for a submit without the script.
    $('hidden').replaceChildren();
  }
  // keepCategoriesOf drops the categories of other industries when one
  // is chosen: with footwear ticked, choosing Machinery had shown no hubs
  // ("Footwear and Machinery"), footwear still ticked. (The server words
  // the legend's links so too.)
  function keepCategoriesOf(id) {
    if (!id) return;
    // From the view's categories: an embedded map has no form.
    const of = new Map((view.categories || []).map((c) => [c.id, c.industry]));
    params = new URLSearchParams([...params].filter(([k, v]) => k !== 'category' || of.get(v) === id));
  }
  // leaveIndustryFor lets the chosen industry go when a category of
  // another is ticked: with Machinery chosen, ticking Toys had shown "No
  // hubs match Toys and Machinery industry", as keepCategoriesOf does
  // the other way round.
  function leaveIndustryFor(category) {
    const ind = params.get('industry');
    const c = (view.categories || []).find((x) => x.id === category);
    if (ind && c && c.industry !== ind) params.delete('industry');
  }
  function fromForm() {
    const keep = new URLSearchParams();
    for (const [k, v] of params) if (!['category', 'industry', 'province', 'q', 'offset'].includes(k)) keep.append(k, v);
    const fd = new FormData(form);
    for (const k of ['category', 'industry', 'province', 'q']) {
      for (const v of fd.getAll(k)) if (String(v).trim() !== '') keep.append(k, String(v).trim());
    }
    params = keep;
  }

  if (!embed) {
    form.addEventListener('input', (e) => {
      if (e.target.name !== 'q') return;
      clearTimeout(typing);
      typing = setTimeout(() => {
        fromForm();
        change('q');
      }, 300);
    });
    form.addEventListener('change', (e) => {
      const n = e.target.name;
      if (n === 'q' || !n) return;
      if (n === 'category') e.target.closest('.chip').classList.toggle('on', e.target.checked);
      fromForm();
      if (n === 'province') {
        params.delete('focus');
        params.delete('bbox');
      }
      if (n === 'industry') {
        keepCategoriesOf(params.get('industry'));
        setForm();
      }
      if (n === 'category' && e.target.checked) {
        leaveIndustryFor(e.target.value);
        setForm();
      }
      change(n === 'province' ? 'province' : '');
    });
    // A second click on the chosen industry lets it go.
    let wasChecked = false;
    form.addEventListener('pointerdown', (e) => {
      const r = e.target.closest('label') && e.target.closest('label').querySelector('input[name=industry]');
      wasChecked = !!(r && r.checked && r.value);
    });
    form.addEventListener('click', (e) => {
      const r = e.target.closest('input[name=industry]');
      if (r && wasChecked && r.value) {
        wasChecked = false;
        form.querySelector('input[name=industry][value=""]').checked = true;
        fromForm();
        change();
      }
      const s = e.target.closest('[data-suggest]');
      if (s) {
        params.delete('q');
        params.set('category', s.dataset.suggest);
        setForm();
        change();
      }
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      fromForm();
      change();
    });
    $('sheet-toggle').addEventListener('click', () => sheet(!form.classList.contains('open')));
    for (const b of document.querySelectorAll('button.copy')) {
      b.addEventListener('click', async () => {
        const f = $(b.dataset.copy);
        try {
          await navigator.clipboard.writeText(f.value);
        } catch (e) {
          f.select();
          document.execCommand('copy');
        }
        b.textContent = T('copied');
        setTimeout(() => (b.textContent = T(b.dataset.t)), 1500);
      });
    }
    // One menu open at a time; choosing in it closes it.
    for (const d of document.querySelectorAll('details.menu')) {
      d.addEventListener('click', (e) => {
        if (e.target.closest('.menu-body a')) setTimeout(() => (d.open = false));
      });
      d.addEventListener('toggle', () => {
        if (d.open) for (const o of document.querySelectorAll('details.menu[open]')) if (o !== d) o.open = false;
      });
    }
    document.addEventListener('click', (e) => {
      if (!e.target.closest('details.menu')) for (const o of document.querySelectorAll('details.menu[open]')) o.open = false;
    });
    rows.addEventListener('click', (e) => {
      const b = e.target.closest('[data-open]');
      if (b) openDetail(b.dataset.open, b);
    });
    rows.addEventListener('pointerover', (e) => {
      const r = e.target.closest('tr[data-row]');
      mark(r ? r.dataset.row : null, 'hl');
    });
    rows.addEventListener('pointerleave', () => mark(null, 'hl'));
    rows.addEventListener('focusin', (e) => {
      const r = e.target.closest('tr[data-row]');
      mark(r ? r.dataset.row : null, 'hl');
    });
    rows.addEventListener('focusout', () => mark(null, 'hl'));
    $('tfilter').addEventListener('input', renderTable);
    document.querySelector('#hubtable thead').addEventListener('click', (e) => {
      const b = e.target.closest('[data-sort]');
      if (!b || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      sort = nextSort(b.dataset.sort);
      if (sortValue(sort)) params.set('sort', sortValue(sort));
      else params.delete('sort');
      const url = qs(params);
      history.replaceState({ ui: ui }, '', location.pathname + (url ? '?' + url : ''));
      shown = url; // the map is the same
      syncLinks();
      resort();
    });
  }
  function sheet(open) {
    form.classList.toggle('open', open);
    $('sheet-toggle').setAttribute('aria-expanded', String(open));
    $('sheet-toggle').querySelector('span').textContent = T(open ? 'filters.close' : 'filters.show');
  }

  // The skip links bring their section in below the sticky bar and focus
  // its target: followed as plain links, the map's title had stood under
  // the bar. (A margin for scrolling on the targets had scrolled the page
  // whenever a click on the map focused it.)
  for (const a of document.querySelectorAll('a.skip')) {
    a.addEventListener('click', (e) => {
      const target = document.querySelector(a.getAttribute('href'));
      if (!target) return;
      e.preventDefault();
      const section = target.closest('section') || target;
      const bar = document.querySelector('.top');
      const below = bar && getComputedStyle(bar).position === 'sticky' ? bar.getBoundingClientRect().height : 0;
      window.scrollTo(0, Math.max(0, section.getBoundingClientRect().top + scrollY - below - 8));
      target.focus({ preventScroll: true });
    });
  }

  // Links inside the page that only change the state are drawn in place.
  document.addEventListener('click', (e) => {
    const a = e.target.closest('a[href]');
    if (!a || a.target || a.hasAttribute('download') || a.getAttribute('href').startsWith('#') || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    const u = new URL(a.href, location.href);
    if (u.origin !== location.origin || u.pathname !== location.pathname) return;
    if (a.closest('#legend') || a.dataset.sort) return; // handled above, and by the table
    e.preventDefault();
    const was = lang();
    params = new URLSearchParams(u.search);
    sort = sortFrom(params);
    if (a.dataset.lang) {
      ui = a.dataset.lang === 'both' ? ui : a.dataset.lang;
      translate();
    }
    if (lang() !== was || a.dataset.lang) body.dataset.explicit = 'true';
    setForm();
    change();
  });
  window.addEventListener('popstate', () => {
    lastEdit = null;
    params = new URLSearchParams(location.search);
    sort = sortFrom(params);
    const l = params.get('lang');
    const want = l === 'en' || l === 'zh' ? l : l === 'both' ? (history.state && history.state.ui) || ui : ui0;
    if (want !== ui) {
      ui = want;
      translate();
    }
    setForm();
    update(false);
  });

  // ---- the table of hubs in view ----------------------------------------
  // inView says whether the map draws h's marker: whether h stands in the
  // frame less a marker's radius (view.inner), as the server counts the
  // hubs it shows; in the whole frame the table had listed hubs the map
  // did not draw (Chongqing's, within a marker's radius of a window's
  // lower edge).
  function inView(h) {
    const p = proj.fwd(h.lon, h.lat);
    const x = view.x0 + p[0] * view.scale, y = view.y0 - p[1] * view.scale, f = view.inner || view.frame;
    return x >= f[0] && x <= f[2] && y >= f[1] && y <= f[3];
  }
  function renderTable() {
    if (!rows) return;
    const needle = $('tfilter').value.trim().toLowerCase();
    let list = [...hubs.values()].filter(inView);
    const shown = list.length;
    const text = (h) => [h.name, h.name_zh, h.city || '', provName(h.province), h.products.join(' '), productsOf(h), h.categories.map(catName).join(' ')].join(' ').toLowerCase();
    if (needle) list = list.filter((h) => text(h).includes(needle));
    // By rank here; by a column of text in the order the hubs came in
    // (hubsQuery asked the server for it).
    const rank = (h) => (h.rank ? h.rank : 1e9);
    if (sort.key === 'rank') list.sort((a, b) => sort.dir * (rank(a) - rank(b)));
    for (const th of document.querySelectorAll('#hubtable thead th')) {
      const a = th.querySelector('[data-sort]');
      const k = a.dataset.sort;
      if (k === sort.key) th.setAttribute('aria-sort', sort.dir > 0 ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
      // Its link, as the server words it: the column, reversed when the
      // table is in its order already.
      const next = sortValue(nextSort(k));
      const l = new URLSearchParams(params);
      if (next) l.set('sort', next);
      else l.delete('sort');
      const u = qs(l);
      a.href = location.pathname + (u ? '?' + u : '');
    }
    const max = 500;
    const active = detail && !detail.hidden ? detail.dataset.hub : '';
    const out = list.slice(0, max).map((h) => {
      const tr = el('tr');
      tr.dataset.row = h.id;
      if (h.id === active) tr.className = 'active';
      const b = el('button', 'hublink', pick(h.name, h.name_zh));
      b.type = 'button';
      b.dataset.open = h.id;
      const sub = other(h.name, h.name_zh);
      if (sub) {
        const s = el('span', '', ' ' + sub);
        s.lang = ui === 'zh' ? 'en' : 'zh-Hans';
        b.append(s);
      }
      const th = el('th');
      th.scope = 'row';
      th.append(b);
      tr.append(el('td', 'num', h.rank ? String(h.rank) : ''), th, el('td', '', provName(h.province)), el('td', '', productsOf(h)), el('td', '', h.categories.map(catName).join(', ')));
      return tr;
    });
    if (out.length === 0) {
      const tr = el('tr', 'empty');
      const td = el('td', '', view.total === 0 ? T('nomatch.filters') : needle && shown > 0 ? T('table.nomatch', { q: $('tfilter').value.trim() }) : T('table.empty'));
      td.colSpan = 5;
      tr.append(td);
      out.push(tr);
    }
    const focusRow = document.activeElement && rows.contains(document.activeElement) ? document.activeElement.dataset.open : null;
    rows.replaceChildren(...out);
    if (focusRow) {
      const b = rows.querySelector('[data-open="' + focusRow + '"]');
      (b || $('tfilter')).focus({ preventScroll: true });
    }
    let c = hubCount(shown);
    if (shown !== view.total) c = T('hubs.inview', { n: shown }) + ' / ' + hubCount(view.total);
    // Filtered, the heading counts the rows listed too: it had stayed at
    // the hubs in view while the table listed one.
    if (needle) c = T('table.listed', { n: list.length }) + ' / ' + c;
    $('count').textContent = c;
    $('tmore').textContent = list.length > max ? T('table.more', { n: max, total: list.length }) : hubsTotal > hubs.size ? T('table.more', { n: hubs.size, total: hubsTotal }) : '';
  }

  // ---- your own data ----------------------------------------------------
  function banner() {
    const tok = params.get('preview');
    let b = $('preview-banner');
    if (!tok) {
      if (b) b.remove();
      return;
    }
    const file = sessionStorage.getItem('hubatlas-preview-' + tok) || body.dataset.previewFile || tok;
    if (!b) {
      b = el('div', 'banner');
      b.id = 'preview-banner';
      b.setAttribute('role', 'status');
      $('notices').prepend(b);
    }
    const back = new URLSearchParams(params);
    back.delete('preview');
    const a = el('a', '', T('preview.back'));
    a.id = 'preview-back';
    a.dataset.t = 'preview.back';
    a.href = '/' + (qs(back) ? '?' + qs(back) : '');
    const notes = $('preview-notes'); // the page's, for this preview
    b.replaceChildren(el('span', '', T('preview.banner', { file: file })), ' — ', a, ...(notes ? [notes] : []));
  }
  // uploadFiles previews the files chosen or dropped: a hubs file, and
  // with it its categories file, a YAML file whose name says categories
  // (categories.yaml, 类别.yml), as hubatlas --categories takes it.
  function uploadFiles(list) {
    const fs = [...list];
    const isCat = (f) => /\.ya?ml$/i.test(f.name) && /categor|类别|分类|品类/i.test(f.name);
    const cat = fs.length > 1 ? fs.find(isCat) : null;
    const hubsFile = fs.find((f) => f !== cat);
    if (hubsFile) upload(hubsFile, cat);
  }
  // leaveOut loads the file without its rows with problems, as the
  // refusal of it offered.
  async function upload(file, cat, leaveOut) {
    status.classList.remove('error');
    status.textContent = T('upload.checking', { file: file.name });
    const fd = new FormData();
    fd.append('file', file, file.name);
    if (cat) fd.append('categories', cat, cat.name);
    let res, b;
    try {
      res = await fetch('/api/preview' + (leaveOut ? '?leave_out=1' : ''), { method: 'POST', body: fd });
      b = await res.json();
    } catch (e) {
      b = { error: e.message };
    }
    status.textContent = '';
    if (res && res.status === 201 && b.token) {
      sessionStorage.setItem('hubatlas-preview-' + b.token, b.file || file.name);
      params.set('preview', b.token);
      for (const k of ['category', 'industry', 'q']) params.delete(k);
      // The page anew, drawn from the preview: its categories, which
      // may be the file's own, make the filters (an in-place redraw had
      // kept the chips of the data served).
      location.assign(location.pathname + '?' + qs(params));
      return;
    }
    const d = $('problems');
    $('problems-h').textContent = T('upload.bad', { file: b.file || file.name });
    $('problems-error').textContent = b.error || '';
    $('problems-list').replaceChildren(...(b.problems || []).slice(0, 200).map((p) => el('li', '', p)));
    // Problems in a few rows only: the rest can be shown without them.
    const lo = $('problems-leave-out');
    lo.hidden = !b.leave_out;
    if (b.leave_out) {
      lo.textContent = T('upload.leaveout', { n: b.leave_out.records, loaded: b.leave_out.hubs });
      lo.onclick = () => {
        d.close ? d.close() : d.removeAttribute('open');
        upload(file, cat, true);
      };
    }
    if (d.showModal) d.showModal();
    else d.setAttribute('open', '');
  }
  if (!embed) {
    $('file').addEventListener('change', (e) => {
      if (e.target.files.length) uploadFiles(e.target.files);
      e.target.value = '';
    });
    const dz = $('dropzone');
    let depth = 0;
    const files = (e) => e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    document.addEventListener('dragenter', (e) => {
      if (!files(e)) return;
      depth++;
      dz.hidden = false;
    });
    document.addEventListener('dragleave', () => {
      if (--depth <= 0) {
        depth = 0;
        dz.hidden = true;
      }
    });
    document.addEventListener('dragover', (e) => {
      if (files(e)) e.preventDefault();
    });
    document.addEventListener('drop', (e) => {
      depth = 0;
      dz.hidden = true;
      if (!e.dataTransfer || !e.dataTransfer.files.length) return;
      e.preventDefault();
      uploadFiles(e.dataTransfer.files);
    });
  }

  // ---- start --------------------------------------------------------------
  // The page arrived with its map; load the hubs for the table and the
  // tooltips, and draw the map at the box's own size when that differs.
  if (!params.has('lang') && body.dataset.lang !== body.dataset.defaultLang) params.set('lang', body.dataset.lang);
  const first = seq;
  // A stale link loses what the page ignored; a first visit in Chinese
  // says so in its URL.
  const canonical = qs(params);
  shown = canonical;
  if (canonical !== location.search.slice(1)) history.replaceState({ ui: ui }, '', location.pathname + (canonical ? '?' + canonical : ''));
  syncLinks();
  const hk0 = hubsQuery(); // what the page's own hubs URL asks for
  getJSON(body.dataset.hubs)
    .then((fc) => {
      if (seq !== first) return;
      takeHubs(fc, hk0);
      const svg = svgEl();
      if (svg) decorate(svg);
      if (hk0 !== hubsQuery()) resort(); // a heading clicked meanwhile
      else renderTable();
      const s = boxSize();
      if (s && (Math.abs(s.w - view.width) / view.width > 0.04 || Math.abs(s.h - view.height) / view.height > 0.04)) {
        lastSize = s;
        return update(false);
      }
    })
    .catch((e) => {
      status.textContent = T('status.error', { msg: e.message });
      status.classList.add('error');
    })
    .finally(() => {
      document.documentElement.dataset.ready = 'true';
    });
})();
