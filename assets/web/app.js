// hubatlas dashboard: makes the server-rendered page live. Filters update
// the map, the chip counts and the hub list without a reload and keep the
// URL shareable; new maps are parsed with DOMParser, never innerHTML.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const form = $('filters');
  const mapBox = $('map');
  const tip = $('tooltip');
  const status = $('status');
  const detail = $('detail');
  const list = $('hublist');
  let hubs = new Map(); // id -> hub of the current filter, all provinces
  let seq = 0; // the newest request wins
  let typing = 0; // the pending search, see the input listener
  let opener = null; // element to refocus when the detail closes

  function params() {
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form)) {
      if (String(v).trim() !== '') p.append(k, String(v).trim());
    }
    // Report settings that only a URL sets travel along.
    const here = new URLSearchParams(location.search);
    for (const k of ['width', 'height', 'title']) {
      if (here.get(k)) p.set(k, here.get(k));
    }
    return p;
  }

  function setForm(p) {
    form.elements.q.value = p.get('q') || '';
    const cats = p.getAll('category');
    for (const box of form.querySelectorAll('input[name=category]')) {
      box.checked = cats.includes(box.value);
      box.closest('.chip').classList.toggle('on', box.checked);
    }
    form.elements.industry.value = p.get('industry') || '';
    form.elements.province.value = (p.get('province') || '').toUpperCase();
    const lang = p.get('lang') || form.dataset.defaultLang;
    for (const r of form.querySelectorAll('input[name=lang]')) {
      r.checked = r.value === lang;
    }
  }

  async function getJSON(url) {
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await res.json();
    if (!res.ok) throw new Error(body.error || res.statusText);
    return body;
  }

  async function getSVG(url) {
    const res = await fetch(url);
    if (!res.ok) {
      let msg = res.statusText;
      try { msg = (await res.json()).error || msg; } catch (e) { /* not JSON */ }
      throw new Error(msg);
    }
    const doc = new DOMParser().parseFromString(await res.text(), 'image/svg+xml');
    if (doc.querySelector('parsererror') || doc.documentElement.localName !== 'svg') {
      throw new Error('the map could not be read');
    }
    return document.importNode(doc.documentElement, true);
  }

  // The page's map is smaller than a report (the server draws the first
  // one at 960×720 too), and taller on a narrow screen, so that labels stay
  // legible; the size is not part of the shared URL. A size the URL sets
  // wins.
  function mapSize() {
    const here = new URLSearchParams(location.search);
    if (here.has('width') || here.has('height')) return '';
    return mapBox.clientWidth && mapBox.clientWidth < 600 ? '&width=560&height=700' : '&width=960&height=720';
  }

  function withoutProvince(p) {
    const q = new URLSearchParams(p);
    q.delete('province');
    return q;
  }

  async function update(push) {
    clearTimeout(typing); // a pending search would push a stale state
    const p = params();
    const qs = p.toString();
    const mine = ++seq;
    mapBox.classList.add('loading');
    status.classList.remove('error');
    status.textContent = 'Updating…';
    try {
      const [svg, hubData, cats, provs] = await Promise.all([
        getSVG('/map.svg?' + qs + mapSize()),
        getJSON('/api/hubs?' + withoutProvince(p) + '&limit=500'),
        getJSON('/api/categories?' + qs),
        getJSON('/api/provinces?' + qs),
      ]);
      if (mine !== seq) return;
      mapBox.replaceChildren(svg);
      setHubs(hubData);
      decorate(svg);
      renderList(p.get('province'), provs);
      updateChips(cats);
      updateProvinces(provs);
      $('export').href = '/export.svg' + (qs ? '?' + qs : '');
      const china = withoutProvince(p).toString();
      $('china').href = '/' + (china ? '?' + china : '');
      $('china').hidden = !p.get('province');
      const title = svg.querySelector('title');
      if (title) document.title = title.textContent + ' · hubatlas';
      const url = '/' + (qs ? '?' + qs : '');
      if (push && url !== location.pathname + location.search) history.pushState(null, '', url);
      status.textContent = '';
      closeDetail(false);
    } catch (e) {
      if (mine === seq) {
        status.textContent = e.message;
        status.classList.add('error');
      }
    } finally {
      if (mine === seq) mapBox.classList.remove('loading');
    }
  }

  function setHubs(fc) {
    hubs = new Map(fc.features.map((f) => [f.properties.id, f.properties]));
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function renderList(province, provs) {
    const shown = [...hubs.values()].filter((h) => !province || h.province === province);
    const items = shown.map((h) => {
      const li = el('li');
      const b = el('button', 'hub');
      b.type = 'button';
      b.dataset.hub = h.id;
      b.append(el('strong', '', h.name + ' ' + h.name_zh), ' ', el('span', 'prov', h.province_name), el('span', 'products', h.products.join(', ')));
      li.append(b);
      return li;
    });
    if (items.length === 0) items.push(el('li', 'empty', 'No hub matches these filters.'));
    list.replaceChildren(...items);
    let where = '';
    if (province) {
      const p = provs.find((x) => x.code === province);
      if (p) where = ' in ' + p.name;
    }
    $('count').textContent = shown.length + (shown.length === 1 ? ' hub' : ' hubs') + where;
  }

  function updateChips(cats) {
    for (const c of cats) {
      const chip = form.querySelector('.chip[data-category="' + c.id + '"]');
      if (!chip) continue;
      chip.querySelector('.count').textContent = String(c.count);
      chip.classList.toggle('on', c.selected);
      chip.classList.toggle('zero', c.count === 0 && !c.selected);
    }
  }

  function updateProvinces(provs) {
    for (const p of provs) {
      const o = form.elements.province.querySelector('option[value="' + p.code + '"]');
      if (o) o.textContent = p.name + ' ' + p.name_zh + ' (' + p.count + ')';
    }
  }

  // decorate makes every hub a focusable button with a name. In the page
  // the map is a group of controls, not one image (the export keeps
  // role="img"): children of an img are hidden from assistive technology.
  function decorate(svg) {
    const title = svg.querySelector('title');
    svg.setAttribute('role', 'group');
    svg.setAttribute('aria-label', title ? title.textContent : 'Map');
    for (const g of svg.querySelectorAll('[data-hub]')) {
      const h = hubs.get(g.dataset.hub);
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      g.setAttribute('aria-label', h ? h.name + ' ' + h.name_zh + ', ' + h.province_name + ': ' + h.products.join(', ') : g.dataset.hub);
    }
  }

  function showTip(g) {
    const h = hubs.get(g.dataset.hub);
    if (!h) return;
    tip.replaceChildren(el('strong', '', h.name + ' ' + h.name_zh), el('div', '', h.province_name), el('div', '', h.products.join(', ')));
    tip.hidden = false;
    const box = tip.parentElement.getBoundingClientRect();
    const r = (g.querySelector('circle') || g).getBoundingClientRect();
    let left = r.right - box.left + 8;
    if (left + tip.offsetWidth > box.width) left = r.left - box.left - tip.offsetWidth - 8;
    tip.style.left = Math.max(0, left) + 'px';
    tip.style.top = Math.max(0, r.top - box.top - 4) + 'px';
  }

  function hideTip() {
    tip.hidden = true;
  }

  function openDetail(id, from) {
    const h = hubs.get(id);
    if (!h) return;
    opener = from || null;
    $('detail-title').textContent = h.name + ' ' + h.name_zh;
    const rank = h.rank ? ' · no. ' + h.rank + ' in the article' : ' · named in the article’s conclusion';
    $('detail-meta').textContent = h.province_name + rank;
    const items = h.specialties.map((s) => {
      const li = el('li', s.matched ? '' : 'dim');
      li.append(el('strong', '', s.product + (s.product_zh ? ' ' + s.product_zh : '')), ' — ' + s.description);
      return li;
    });
    $('detail-specialties').replaceChildren(...items);
    detail.hidden = false;
    for (const e of document.querySelectorAll('[data-hub].active')) e.classList.remove('active');
    for (const e of document.querySelectorAll('[data-hub="' + id + '"]')) e.classList.add('active');
    detail.focus();
  }

  function closeDetail(refocus) {
    if (detail.hidden) return;
    detail.hidden = true;
    for (const e of document.querySelectorAll('[data-hub].active')) e.classList.remove('active');
    if (refocus && opener && document.contains(opener)) opener.focus();
  }

  function zoom(code) {
    form.elements.province.value = code;
    hideTip();
    update(true);
  }

  mapBox.addEventListener('mouseover', (e) => {
    const g = e.target.closest('[data-hub]');
    if (g) showTip(g);
  });
  mapBox.addEventListener('mouseout', (e) => {
    const g = e.target.closest('[data-hub]');
    if (g && !g.contains(e.relatedTarget)) hideTip();
  });
  mapBox.addEventListener('focusin', (e) => {
    const g = e.target.closest('[data-hub]');
    if (g) showTip(g);
  });
  mapBox.addEventListener('focusout', hideTip);
  mapBox.addEventListener('click', (e) => {
    const g = e.target.closest('[data-hub]');
    if (g) {
      openDetail(g.dataset.hub, g);
      return;
    }
    const p = e.target.closest('[data-province]');
    if (p && p.dataset.province !== form.elements.province.value) zoom(p.dataset.province);
  });
  mapBox.addEventListener('keydown', (e) => {
    const g = e.target.closest('[data-hub]');
    if (g && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      openDetail(g.dataset.hub, g);
    }
  });
  list.addEventListener('click', (e) => {
    const b = e.target.closest('[data-hub]');
    if (b) openDetail(b.dataset.hub, b);
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      hideTip();
      closeDetail(true);
    }
  });
  $('detail-close').addEventListener('click', () => closeDetail(true));
  $('china').addEventListener('click', (e) => {
    e.preventDefault();
    zoom('');
  });

  form.addEventListener('input', (e) => {
    if (e.target.name !== 'q') return;
    clearTimeout(typing);
    typing = setTimeout(() => update(true), 300);
  });
  form.addEventListener('change', (e) => {
    if (e.target.name === 'q') return;
    if (e.target.name === 'category') e.target.closest('.chip').classList.toggle('on', e.target.checked);
    update(true);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(typing);
    update(true);
  });
  window.addEventListener('popstate', () => {
    clearTimeout(typing);
    setForm(new URLSearchParams(location.search));
    update(false);
  });

  // The page arrived with the map drawn; fetch the hubs for tooltips,
  // unless the user has changed the filters meanwhile.
  const first = seq;
  getJSON('/api/hubs?' + withoutProvince(params()) + '&limit=500')
    .then((fc) => {
      if (seq === first) {
        setHubs(fc);
        const svg = mapBox.querySelector('svg');
        if (svg) decorate(svg);
        if (mapBox.clientWidth && mapBox.clientWidth < 600) update(false);
      }
      document.documentElement.dataset.ready = 'true';
    })
    .catch((e) => {
      status.textContent = e.message;
      status.classList.add('error');
    });
})();
