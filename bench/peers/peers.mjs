// peers.mjs renders the province boundaries with the peer tools hubatlas is
// compared with. It is driven by bench/peers (main.go), which installs the
// pinned packages of package.json under a scratch directory, copies this
// file there and talks to it over stdin/stdout, one JSON object a line:
//
//	-> {"cmd":"setup","geojson":FILE,"out":DIR,"width":960,"height":720,"margin":16,"top":0,"bottom":0,"weightPx2":1,"minRingPx2":2}
//	<- {"ok":true,"setup":{...ms...},"scale":k,...}
//	-> {"cmd":"run","peer":"d3-topojson","budgetMs":2000,"minIters":5,"maxIters":5000,"warmup":3}
//	<- {"ok":true,"peer":...,"times":[ms,...],"stages":{"name":[ms,...]},"svg":FILE}
//
// Work that does not depend on the view (parsing, the topology, the
// Visvalingam weights, registering the map) is done once in setup; a "run"
// times only what a server would do per request. Times come from
// process.hrtime.bigint, in ms.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import readline from 'node:readline';
import { geoConicEqualArea, geoIdentity, geoPath, geoArea } from 'd3-geo';
import { topology } from 'topojson-server';
import { feature } from 'topojson-client';
import { presimplify, simplify, filter, filterWeight, planarRingArea, sphericalTriangleArea, sphericalRingArea } from 'topojson-simplify';
import * as echarts from 'echarts';

const now = () => process.hrtime.bigint();
const ms = (a, b) => Number(b - a) / 1e6;

let S; // state built by setup

function reply(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

// rewind reverses every ring. The file follows RFC 7946 (exteriors
// counter-clockwise); d3-geo works on the sphere and reads a ring's
// winding as which side is inside, so it wants exteriors clockwise.
function rewind(fc) {
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => ({
      type: 'Feature',
      properties: f.properties,
      geometry: {
        type: f.geometry.type,
        coordinates: f.geometry.type === 'Polygon'
          ? f.geometry.coordinates.map((r) => r.slice().reverse())
          : f.geometry.coordinates.map((p) => p.map((r) => r.slice().reverse())),
      },
    })),
  };
}

function svgDoc(width, height, paths) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    paths + '</svg>';
}

function provincePath(code, d) {
  return `<path data-province="${code}" fill="#e8e5e0" stroke="#ffffff" stroke-width="0.5" d="${d}"/>`;
}

function setup(c) {
  const t = {};
  let t0 = now();
  const text = readFileSync(c.geojson, 'utf8');
  const raw = JSON.parse(text);
  t.parseMs = ms(t0, now());

  t0 = now();
  const sph = rewind(raw);
  t.rewindMs = ms(t0, now());
  const big = sph.features.filter((f) => geoArea(f) > 2 * Math.PI).map((f) => f.properties.code);
  if (big.length) throw new Error(`winding: ${big.join(', ')} cover more than half the sphere`);

  // Albers equal-area conic, 25°N/47°N, central meridian 105°E, fitted to
  // the whole extent with a margin: the same view as hubatlas's
  // whole-China map (which fits the same extent below its title block).
  // top and bottom (px, default 0) reserve bands above and below the map,
  // as hubatlas's title block and footer do.
  const W = c.width, H = c.height, m = c.margin, top = c.top || 0, bottom = c.bottom || 0;
  t0 = now();
  const projection = geoConicEqualArea().parallels([25, 47]).rotate([-105, 0])
    .fitExtent([[m, top + m], [W - m, H - bottom - m]], sph);
  t.fitMs = ms(t0, now());
  const k = projection.scale(); // px per radian; equal-area, so px² = sr × k²

  t0 = now();
  const topo = topology({ provinces: sph });
  t.topologyMs = ms(t0, now());
  t0 = now();
  const pre = presimplify(topo, sphericalTriangleArea);
  t.presimplifyMs = ms(t0, now());

  // The same, projected once at setup (unit scale, as hubatlas keeps its
  // boundaries in projected metres): per render only a scale and a
  // translation remain, and the weights are planar areas.
  t0 = now();
  const unit = geoConicEqualArea().parallels([25, 47]).rotate([-105, 0]).scale(1).translate([0, 0]);
  const planar = {
    type: 'FeatureCollection',
    features: raw.features.map((f) => ({
      type: 'Feature',
      properties: f.properties,
      geometry: {
        type: 'MultiPolygon',
        coordinates: (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates)
          .map((p) => p.map((r) => r.map((pt) => unit(pt)))),
      },
    })),
  };
  const prePlanar = presimplify(topology({ provinces: planar }));
  t.projectedTopologyMs = ms(t0, now());

  t0 = now();
  echarts.registerMap('provinces', raw); // planar, winding does not matter; not 'china', which ECharts special-cases (adds a South China Sea inset)
  t.registerMapMs = ms(t0, now());

  let vertices = 0;
  for (const a of topo.arcs) vertices += a.length;
  S = {
    c, raw, sph, projection, k, pre,
    minWeight: c.weightPx2 / (k * k),
    minRing: c.minRingPx2 / (k * k),
    path: geoPath(projection),
    prePlanar,
    planarPath: geoPath(geoIdentity().scale(k).translate(projection.translate())),
  };
  return { ok: true, setup: t, scale: k, translate: projection.translate(), arcs: topo.arcs.length, arcVertices: vertices, features: raw.features.length };
}

// Each peer renders once and returns its SVG; stage times go into st.
const peers = {
  // d3-geo + TopoJSON: filter the presimplified topology by weight for this
  // scale (1 px² Visvalingam area), drop rings under 2 px², convert to
  // GeoJSON and draw each province with d3.geoPath.
  'd3-topojson'(st) {
    let t0 = now();
    const simple = simplify(S.pre, S.minWeight);
    let t1 = now();
    st.simplify.push(ms(t0, t1));
    const kept = filter(simple, filterWeight(simple, S.minRing, sphericalRingArea));
    t0 = now();
    st.filterRings.push(ms(t1, t0));
    const fc = feature(kept, kept.objects.provinces);
    t1 = now();
    st.feature.push(ms(t0, t1));
    let paths = '';
    for (const f of fc.features) paths += provincePath(f.properties.code, S.path(f));
    const svg = svgDoc(S.c.width, S.c.height, paths);
    st.geoPath.push(ms(t1, now()));
    return svg;
  },
  // The same pipeline on the topology projected at setup: d3.geoPath
  // through geoIdentity (scale and translate only, no trigonometry, no
  // adaptive resampling, no antimeridian clipping).
  'd3-topojson-projected'(st) {
    let t0 = now();
    const simple = simplify(S.prePlanar, S.minWeight);
    let t1 = now();
    st.simplify.push(ms(t0, t1));
    const kept = filter(simple, filterWeight(simple, S.minRing, planarRingArea));
    t0 = now();
    st.filterRings.push(ms(t1, t0));
    const fc = feature(kept, kept.objects.provinces);
    t1 = now();
    st.feature.push(ms(t0, t1));
    let paths = '';
    for (const f of fc.features) paths += provincePath(f.properties.code, S.planarPath(f));
    const svg = svgDoc(S.c.width, S.c.height, paths);
    st.geoPath.push(ms(t1, now()));
    return svg;
  },
  // d3-geo on the GeoJSON as shipped, every vertex projected and drawn.
  'd3-raw'(st) {
    let paths = '';
    for (const f of S.sph.features) paths += provincePath(f.properties.code, S.path(f));
    return svgDoc(S.c.width, S.c.height, paths);
  },
  // ECharts server-side rendering: a map series of the registered GeoJSON
  // through the same projection, to an SVG string.
  echarts(st) {
    let t0 = now();
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: S.c.width, height: S.c.height });
    let t1 = now();
    st.init.push(ms(t0, t1));
    chart.setOption({
      animation: false,
      series: [{
        type: 'map',
        map: 'provinces',
        nameProperty: 'code',
        projection: { project: (p) => S.projection(p), unproject: (p) => S.projection.invert(p) },
        left: S.c.margin, top: (S.c.top || 0) + S.c.margin, right: S.c.margin, bottom: (S.c.bottom || 0) + S.c.margin,
        preserveAspect: 'contain', // else the extent is stretched to the box
        itemStyle: { areaColor: '#e8e5e0', borderColor: '#ffffff', borderWidth: 0.5 },
      }],
    });
    t0 = now();
    st.setOption.push(ms(t1, t0));
    const svg = chart.renderToSVGString();
    t1 = now();
    st.renderToSVGString.push(ms(t0, t1));
    chart.dispose();
    st.dispose.push(ms(t1, now()));
    return svg;
  },
};

const stageNames = {
  'd3-topojson': ['simplify', 'filterRings', 'feature', 'geoPath'],
  'd3-topojson-projected': ['simplify', 'filterRings', 'feature', 'geoPath'],
  'd3-raw': [],
  echarts: ['init', 'setOption', 'renderToSVGString', 'dispose'],
};

function run(c) {
  const render = peers[c.peer];
  if (!render) throw new Error(`unknown peer ${c.peer}`);
  const scratch = Object.fromEntries(stageNames[c.peer].map((n) => [n, []]));
  let svg;
  for (let i = 0; i < c.warmup; i++) svg = render(scratch);
  const st = Object.fromEntries(stageNames[c.peer].map((n) => [n, []]));
  const times = [];
  const start = now();
  while (times.length < c.maxIters && (times.length < c.minIters || ms(start, now()) < c.budgetMs)) {
    const t0 = now();
    svg = render(st);
    times.push(ms(t0, now()));
  }
  const file = join(S.c.out, `${c.peer}.svg`);
  writeFileSync(file, svg);
  return { ok: true, peer: c.peer, times, stages: st, svg: file };
}

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  try {
    const c = JSON.parse(line);
    if (c.cmd === 'setup') reply(setup(c));
    else if (c.cmd === 'run') reply(run(c));
    else if (c.cmd === 'versions') {
      const v = (p) => JSON.parse(readFileSync(new URL(`./node_modules/${p}/package.json`, import.meta.url))).version;
      reply({ ok: true, node: process.version, versions: Object.fromEntries(['d3-geo', 'topojson-server', 'topojson-client', 'topojson-simplify', 'echarts'].map((p) => [p, v(p)])) });
    } else throw new Error(`unknown command ${c.cmd}`);
  } catch (e) {
    reply({ ok: false, error: String(e && e.stack || e) });
  }
});
