/* The explorer's behaviour: filters, search, neighbourhood and the provenance panel.
 *
 * Data comes from the JSON blocks kg-nodes, kg-edges (vis-network items),
 * kg-info (kinds, relations, sentences, reports, provenance) and kg-options.
 * Every text from the graph is shown with textContent, never as markup.
 * window.kgExplorer exposes the actions for scripts and tests.
 */
var nodes, edges, network;
(function () {
  "use strict";

  function readJSON(id) { return JSON.parse(document.getElementById(id).textContent); }
  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; }
      else if (key === "className") { node.className = attrs[key]; }
      else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  var timings = {start: performance.now()};
  var info = readJSON("kg-info");
  var nodeItems = readJSON("kg-nodes");
  var edgeItems = readJSON("kg-edges");
  var options = readJSON("kg-options");
  var kindInfo = {};
  info.kinds.forEach(function (k) { kindInfo[k.kind] = k; });
  var relInfo = {};
  info.relations.forEach(function (r) { relInfo[r.kind] = r; });

  var RELATION_LIMIT = 60;
  var state = {
    kinds: {}, relations: {}, scope: null, hops: 0, focus: null,
    limit: info.core !== null, pinned: new Set(), selected: null
  };
  info.kinds.forEach(function (k) { state.kinds[k.kind] = true; });
  info.relations.forEach(function (r) { state.relations[r.kind] = r.on; });

  // Items enter the vis DataSets only when first shown (a large graph opens on
  // part of itself), and then stay, hidden or not.  Edge labels are set while
  // few edges are shown (or on the selected node's edges): laying out
  // thousands of labels is what makes big pages slow to open.
  var EDGE_LABEL_LIMIT = 2000;
  var adjacency = {}, edgeById = {};
  var inData = new Set(), hidden = {}, labelled = new Set();
  var core = new Set();                       // the most connected part a large graph opens on
  nodeItems.forEach(function (n) {
    var meta = info.nodes[n.id];
    adjacency[n.id] = [];
    hidden[n.id] = true;
    if (!n.hidden) { core.add(n.id); }
    var k = kindInfo[meta.kind];
    n.title = [k.zh + " " + k.kind, meta.name].concat(
      meta.names.length > 1 && meta.kind !== "Target" && meta.kind !== "Achievement"
        ? ["别名 aliases: " + meta.names.slice(1).join("、")] : [],
      ["点击查看来源 click for sources"]).join("\n");
  });
  var edgeColors = {};
  info.relations.forEach(function (r) {
    edgeColors[r.kind] = {color: r.color, highlight: r.highlight, hover: r.highlight, inherit: false};
  });
  edgeItems.forEach(function (e) {
    adjacency[e.from].push(e.id);
    adjacency[e.to].push(e.id);
    edgeById[e.id] = e;
    hidden[e.id] = true;
    e.color = edgeColors[e.kind];
    if (e.kind === "mentions") { e.dashes = true; }
    e.title = info.nodes[e.from].name + " → " + relInfo[e.kind].label + " → " + info.nodes[e.to].name +
      "\n点击查看来源 click for evidence";
  });

  timings.parsed = performance.now();
  nodes = new vis.DataSet([]);
  edges = new vis.DataSet([]);
  apply();                     // fills the data sets before the network reads them, in one pass
  timings.datasets = performance.now();
  network = new vis.Network($("mynetwork"), {nodes: nodes, edges: edges}, options);
  timings.network = performance.now();

  // ------------------------------------------------------------ visibility

  function inScope(reports) {
    if (state.scope === null) { return true; }
    for (var i = 0; i < reports.length; i++) {
      if (state.scope.has(reports[i])) { return true; }
    }
    return false;
  }

  function nodeAllowed(id) {
    var n = info.nodes[id];
    return state.kinds[n.kind] && inScope(n.reports);
  }

  function edgeAllowed(id) {
    var e = info.edges[id];
    return state.relations[e.kind] && (e.reports.length === 0 || inScope(e.reports));
  }

  function neighbourhood(start, hops) {
    var seen = new Set([start]);
    var frontier = [start];
    for (var step = 0; step < hops && frontier.length; step++) {
      var next = [];
      frontier.forEach(function (id) {
        adjacency[id].forEach(function (eid) {
          if (!edgeAllowed(eid)) { return; }
          var e = edgeById[eid];
          var other = e.from === id ? e.to : e.from;
          if (!seen.has(other) && nodeAllowed(other)) {
            seen.add(other);
            next.push(other);
          }
        });
      });
      frontier = next;
    }
    return seen;
  }

  function itemChanges(items, visible, labels) {
    var add = [], change = [];
    items.forEach(function (item) {
      var id = item.id, hide = !visible.has(id);
      var label = labels && !hide && !labelled.has(id);
      if (!inData.has(id)) {
        if (hide) { return; }
        var copy = Object.assign({}, item, {hidden: false});
        if (labels !== undefined) {
          delete copy.label;
          if (label) { copy.label = relInfo[item.kind].label; labelled.add(id); }
        }
        add.push(copy);
        inData.add(id);
        hidden[id] = false;
      } else if (hide !== hidden[id] || label) {
        var update = {id: id, hidden: hide};
        if (label) { update.label = relInfo[item.kind].label; labelled.add(id); }
        change.push(update);
        hidden[id] = hide;
      }
    });
    return {add: add, change: change};
  }

  function apply() {
    var visible = new Set();
    if (state.focus !== null && state.hops > 0) {
      visible = neighbourhood(state.focus, state.hops);
    } else {
      var limited = state.limit && state.scope === null;
      nodeItems.forEach(function (n) {
        if (nodeAllowed(n.id) && (!limited || core.has(n.id))) { visible.add(n.id); }
      });
    }
    state.pinned.forEach(function (id) { visible.add(id); });
    var shown = new Set();
    edgeItems.forEach(function (e) {
      if (visible.has(e.from) && visible.has(e.to) && edgeAllowed(e.id)) { shown.add(e.id); }
    });
    // one update per data set: each change makes vis-network revisit every item
    var n = itemChanges(nodeItems, visible), e = itemChanges(edgeItems, shown, shown.size <= EDGE_LABEL_LIMIT);
    if (n.add.length || n.change.length) { nodes.update(n.add.concat(n.change)); }
    if (e.add.length || e.change.length) { edges.update(e.add.concat(e.change)); }
    if (n.add.length) { hubStep = null; }
    $("kg-counts").textContent = "显示 " + visible.size + " / " + nodeItems.length + " 个节点 nodes · " +
      shown.size + " / " + edgeItems.length + " 条边 edges";
    var note = $("kg-note");
    note.hidden = !(state.limit && state.scope === null && !(state.focus !== null && state.hops > 0));
    return visible.size;
  }

  // Hubs have big labels, to be read when the whole graph is in view; closer in,
  // they shrink back so that they never look bigger than HUB_SCREEN pixels.
  // Checked after each drawing; fonts change only when the zoom moved a step.
  var HUB_SCREEN = 20;
  var hubs = nodeItems.filter(function (n) { return n.font; })
    .map(function (n) { return {id: n.id, base: n.font.size, size: n.font.size}; });
  var hubStep = null;

  function fitHubFonts() {
    var scale = network.getScale();
    var step = Math.round(Math.log(scale) / Math.LN2 * 3);
    if (!hubs.length || step === hubStep) { return; }
    hubStep = step;
    var update = [];
    hubs.forEach(function (h) {
      var size = Math.round(Math.max(14, Math.min(h.base, HUB_SCREEN / scale)));
      if (inData.has(h.id) && size !== h.size) {
        h.size = size;
        update.push({id: h.id, font: {size: size}});
      }
    });
    if (update.length) { nodes.update(update); }
  }

  function labelEdgesOf(id) {
    var update = [];
    adjacency[id].forEach(function (eid) {
      if (inData.has(eid) && !labelled.has(eid)) {
        labelled.add(eid);
        update.push({id: eid, label: relInfo[edgeById[eid].kind].label});
      }
    });
    if (update.length) { edges.update(update); }
  }

  // ------------------------------------------------------------ controls

  function chip(input, parts, onChange) {
    var label = el("label", {}, [input].concat(parts));
    input.addEventListener("change", function () {
      label.classList.toggle("off", !input.checked);
      onChange(input.checked);
    });
    label.classList.toggle("off", !input.checked);
    return label;
  }

  info.kinds.forEach(function (k) {
    var box = el("input", {type: "checkbox", "data-kind": k.kind});
    box.checked = true;
    var label = chip(box, [el("span", {className: "sym", style: "color:" + k.color, text: k.symbol}),
                           k.zh + " " + k.kind + " ", el("span", {className: "count", text: "(" + k.count + ")"})],
                     function (on) { setKind(k.kind, on); });
    if (!k.count) { label.classList.add("empty"); }
    $("kg-kinds").appendChild(label);
  });
  info.relations.forEach(function (r) {
    var box = el("input", {type: "checkbox", "data-relation": r.kind});
    box.checked = r.on;
    var line = el("span", {className: "line" + (r.kind === "mentions" ? " dashed" : ""),
                           style: "border-color:" + r.color});
    var label = chip(box, [line, r.label + " ", el("span", {className: "count", text: "(" + r.count + ")"})],
                     function (on) { setRelation(r.kind, on); });
    if (!r.count) { label.classList.add("empty"); }
    $("kg-relations").appendChild(label);
  });

  var scopeSelect = $("kg-scope");
  var groups = {report: el("optgroup", {label: "报告 Reports"}), district: el("optgroup", {label: "地区 Districts"})};
  info.scopes.forEach(function (s, i) {
    groups[s.group].appendChild(el("option", {value: String(i), text: s.label}));
  });
  ["report", "district"].forEach(function (g) {
    if (groups[g].children.length) { scopeSelect.appendChild(groups[g]); }
  });
  scopeSelect.addEventListener("change", function () {
    setScope(scopeSelect.value === "" ? null : Number(scopeSelect.value));
  });
  $("kg-hops").addEventListener("change", function () { setHops(Number($("kg-hops").value)); });
  $("kg-fit").addEventListener("click", function () { network.fit({animation: false}); });
  $("kg-reset").addEventListener("click", reset);
  $("kg-close").addEventListener("click", closePanel);

  if (info.core !== null) {
    var note = $("kg-note");
    note.appendChild(document.createTextNode(
      "图谱较大:先显示连接最多的 " + info.core + " 个节点(共 " + info.total + " 个)。" +
      "报告筛选、邻域和搜索可显示其余节点。 Large graph: showing the " + info.core +
      " most connected of " + info.total + " nodes; the report filter, neighbourhood mode and search reveal the rest."));
    var all = el("button", {type: "button", id: "kg-show-all", text: "显示全部 show all"});
    all.addEventListener("click", function () { showAll(); });
    note.appendChild(all);
  }

  // names for the search box: exact name → node ids (best connected first)
  var byName = new Map();
  var nameList = [];
  Object.keys(info.nodes).forEach(function (id) {
    info.nodes[id].names.forEach(function (name) {
      if (!byName.has(name)) { byName.set(name, []); nameList.push(name); }
      byName.get(name).push(id);
    });
  });
  byName.forEach(function (ids) {
    ids.sort(function (a, b) { return info.nodes[b].degree - info.nodes[a].degree; });
  });
  nameList.sort();
  var datalist = $("kg-names");
  var fragment = document.createDocumentFragment();
  nameList.forEach(function (name) { fragment.appendChild(el("option", {value: name})); });
  datalist.appendChild(fragment);

  var lastQuery = "", matches = [], matchIndex = 0;

  function findMatches(query) {
    var exact = byName.get(query) || [];
    var seen = new Set(exact);
    var scored = [];
    nameList.forEach(function (name) {
      var at = name.indexOf(query);
      if (at < 0) { return; }
      byName.get(name).forEach(function (id) {
        if (!seen.has(id)) {
          seen.add(id);
          scored.push([at === 0 ? 0 : 1, name.length, -info.nodes[id].degree, id]);
        }
      });
    });
    scored.sort(function (a, b) {
      for (var i = 0; i < 3; i++) { if (a[i] !== b[i]) { return a[i] - b[i]; } }
      return a[3] < b[3] ? -1 : 1;
    });
    return exact.concat(scored.map(function (s) { return s[3]; }));
  }

  function search(query) {
    query = (query || "").trim();
    var status = $("kg-status");
    if (!query) { status.textContent = ""; return null; }
    if (query === lastQuery && matches.length) {
      matchIndex = (matchIndex + 1) % matches.length;
    } else {
      lastQuery = query;
      matches = findMatches(query);
      matchIndex = 0;
    }
    if (!matches.length) {
      status.textContent = "未找到 not found";
      return null;
    }
    status.textContent = matches.length > 1 ? (matchIndex + 1) + "/" + matches.length + " 匹配 matches ↵" : "";
    status.title = matches.length > 1 ? "回车看下一个 press Enter for the next match" : "";
    var id = matches[matchIndex];
    select(id, true);
    return id;
  }

  var searchBox = $("kg-search");
  searchBox.addEventListener("keydown", function (e) {
    if (e.key === "Enter") { e.preventDefault(); search(searchBox.value); }
  });
  searchBox.addEventListener("change", function () {
    if (searchBox.value.trim() !== lastQuery) { search(searchBox.value); }
  });

  // ------------------------------------------------------------ actions

  function setKind(kind, on) {
    state.kinds[kind] = on;
    syncBox("data-kind", kind, on);
    return apply();
  }

  function setRelation(kind, on) {
    state.relations[kind] = on;
    syncBox("data-relation", kind, on);
    return apply();
  }

  function syncBox(attr, value, on) {
    var box = document.querySelector("input[" + attr + "='" + value + "']");
    if (box && box.checked !== on) {
      box.checked = on;
      box.parentNode.classList.toggle("off", !on);
    }
  }

  function setScope(index) {
    state.scope = index === null ? null : new Set(info.scopes[index].reports);
    scopeSelect.value = index === null ? "" : String(index);
    state.pinned.clear();
    var count = apply();
    network.fit({animation: false});
    return count;
  }

  function setHops(hops) {
    state.hops = hops;
    $("kg-hops").value = String(hops);
    if (hops > 0 && state.focus === null && state.selected !== null) { state.focus = state.selected; }
    if (hops > 0 && state.focus === null) {
      $("kg-status").textContent = "先选一个节点 select a node first";
    }
    var count = apply();
    if (hops > 0 && state.focus !== null) { fitVisible(); }
    return count;
  }

  function showAll() {
    state.limit = false;
    var count = apply();
    network.fit({animation: false});
    return count;
  }

  function fitVisible() {
    var ids = nodeItems.filter(function (n) { return !hidden[n.id]; }).map(function (n) { return n.id; });
    if (ids.length) { network.fit({nodes: ids, animation: false}); }
    if (network.getScale() > 1.2) { network.moveTo({scale: 1.2, animation: false}); }
  }

  function reset() {
    info.kinds.forEach(function (k) { state.kinds[k.kind] = true; syncBox("data-kind", k.kind, true); });
    info.relations.forEach(function (r) { state.relations[r.kind] = r.on; syncBox("data-relation", r.kind, r.on); });
    state.scope = null;
    scopeSelect.value = "";
    state.hops = 0;
    $("kg-hops").value = "0";
    state.focus = null;
    state.limit = info.core !== null;
    state.pinned.clear();
    state.selected = null;
    searchBox.value = "";
    $("kg-status").textContent = "";
    lastQuery = "";
    network.unselectAll();
    closePanel();
    apply();
    network.fit({animation: false});
  }

  function select(id, move) {
    state.selected = id;
    if (state.hops > 0) { state.focus = id; }
    if (hidden[id] || (state.hops > 0)) {
      if (hidden[id]) { state.pinned.add(id); }
      apply();
    }
    network.selectNodes([id]);
    if (move) {
      var scale = Math.max(network.getScale(), 1.0);
      network.moveTo({position: network.getPosition(id), scale: scale, animation: false});
    }
    showNode(id);
  }

  // ------------------------------------------------------------ panel

  function nodeLink(id, current) {
    var n = info.nodes[id];
    if (id === current) { return el("span", {className: "self", text: n.name}); }
    var link = el("button", {type: "button", className: "link", "data-node": id, text: n.name});
    link.addEventListener("click", function () { select(id, true); });
    return link;
  }

  function sentence(evidence) {
    var s = info.sentences[evidence.s];
    var chars = Array.from(s[0]);              // offsets count code points, as Python does
    var quote = el("blockquote");
    var at = 0;
    evidence.marks.forEach(function (m) {
      if (m[0] < at || m[1] > chars.length) { return; }
      quote.appendChild(document.createTextNode(chars.slice(at, m[0]).join("")));
      quote.appendChild(el("mark", {className: m[2], text: chars.slice(m[0], m[1]).join("")}));
      at = m[1];
    });
    quote.appendChild(document.createTextNode(chars.slice(at).join("")));
    var where = [];
    if (s[1] !== null && info.nodes[s[1]]) { where.push("《" + info.nodes[s[1]].name + "》"); }
    if (evidence.rule) { where.push("规则 rule " + evidence.rule); }
    return el("div", {className: "evidence"}, [quote, el("div", {className: "src", text: where.join(" · ")})]);
  }

  function kindLine(kind) {
    var k = kindInfo[kind];
    return el("div", {className: "kind"}, [el("span", {className: "sym", style: "color:" + k.color, text: k.symbol}),
                                          k.zh + " " + k.kind]);
  }

  function openPanel(children) {
    var body = $("kg-panel-body");
    while (body.firstChild) { body.removeChild(body.firstChild); }
    children.forEach(function (c) { if (c) { body.appendChild(c); } });
    var panel = $("kg-panel");
    var wasHidden = panel.hidden;
    panel.hidden = false;
    panel.scrollTop = 0;
    if (wasHidden) { network.redraw(); }
  }

  function closePanel() {
    var panel = $("kg-panel");
    if (!panel.hidden) {
      panel.hidden = true;
      network.redraw();
    }
  }

  function details(rows) {
    if (!rows.length) { return null; }
    var dl = el("dl");
    rows.forEach(function (r) { dl.appendChild(el("dt", {text: r[0]})); dl.appendChild(el("dd", {text: r[1]})); });
    return dl;
  }

  function relationItem(eid, current) {
    var e = edgeById[eid], meta = info.edges[eid];
    var line = el("div", {}, [nodeLink(e.from, current), el("span", {className: "rel", text: "→ " + relInfo[meta.kind].label + " →"}),
                              nodeLink(e.to, current)]);
    var li = el("li", {"data-edge": eid}, [line]);
    meta.evidence.forEach(function (ev) { li.appendChild(sentence(ev)); });
    return li;
  }

  function showNode(id) {
    var n = info.nodes[id];
    labelEdgesOf(id);
    var parts = [kindLine(n.kind), el("h2", {text: n.name})];
    if (n.names.length > 1 && n.kind !== "Target" && n.kind !== "Achievement") {
      parts.push(details([["别名 aliases", n.names.slice(1).join("、")]]));
    }
    parts.push(details(n.details));
    parts.push(el("div", {className: "iri", text: n.iri}));

    var actions = el("div", {className: "actions"});
    var near = el("button", {type: "button", text: "邻域 neighbourhood"});
    near.addEventListener("click", function () { state.focus = id; setHops(state.hops > 0 ? state.hops : 1); });
    actions.appendChild(near);
    if (n.kind === "Report") {
      var only = el("button", {type: "button", text: "只看此报告 only this report"});
      only.addEventListener("click", function () {
        for (var i = 0; i < info.scopes.length; i++) {
          if (info.scopes[i].group === "report" && info.scopes[i].reports[0] === id) { setScope(i); return; }
        }
      });
      actions.appendChild(only);
    }
    parts.push(actions);

    if (n.evidence.length) {
      parts.push(el("h3", {text: "来源句子 Evidence (" + n.evidence.length + ")"}));
      parts.push(el("div", {}, n.evidence.map(sentence)));
    }
    var reports = n.reports.filter(function (r) { return r !== id; });
    if (reports.length) {
      parts.push(el("h3", {text: "提及它的报告 Reports mentioning it (" + reports.length + ")"}));
      parts.push(el("ul", {className: "reports"}, reports.map(function (r) { return el("li", {}, [nodeLink(r, id)]); })));
    }
    var rels = adjacency[id].filter(function (eid) { return info.edges[eid].kind !== "mentions"; });
    if (n.kind === "Report") {
      var mentioned = adjacency[id].length - rels.length;
      if (mentioned) { parts.push(el("p", {className: "more", text: "提及 mentions " + mentioned + " 个实体 entities"})); }
    }
    if (rels.length) {
      parts.push(el("h3", {text: "关系 Relations (" + rels.length + ")"}));
      var list = el("ul", {className: "relations"});
      rels.slice(0, RELATION_LIMIT).forEach(function (eid) { list.appendChild(relationItem(eid, id)); });
      parts.push(list);
      if (rels.length > RELATION_LIMIT) {
        var more = el("button", {type: "button", className: "link", text: "显示其余 " + (rels.length - RELATION_LIMIT) + " 条 show the rest"});
        more.addEventListener("click", function () {
          rels.slice(RELATION_LIMIT).forEach(function (eid) { list.appendChild(relationItem(eid, id)); });
          more.remove();
        });
        parts.push(more);
      }
    }
    openPanel(parts);
    $("kg-panel").setAttribute("data-node", id);
    $("kg-panel").removeAttribute("data-edge");
  }

  function showEdge(eid) {
    var e = edgeById[eid], meta = info.edges[eid];
    var parts = [el("div", {className: "kind", text: "关系 Relation · " + relInfo[meta.kind].label}),
                 el("h2", {}, [nodeLink(e.from, null), el("span", {className: "rel", text: "→ " + relInfo[meta.kind].label + " →"}),
                               nodeLink(e.to, null)])];
    if (meta.evidence.length) {
      parts.push(el("h3", {text: "来源句子 Evidence (" + meta.evidence.length + ")"}));
      parts.push(el("div", {}, meta.evidence.map(sentence)));
    } else if (meta.reports.length) {
      parts.push(el("h3", {text: "报告 Report"}));
      parts.push(el("ul", {}, meta.reports.map(function (r) { return el("li", {}, [nodeLink(r, null)]); })));
    } else {
      parts.push(el("p", {className: "more", text: "无来源句子 no evidence sentence (from the division hierarchy)"}));
    }
    openPanel(parts);
    $("kg-panel").setAttribute("data-edge", eid);
    $("kg-panel").removeAttribute("data-node");
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      state.selected = id;
      if (state.hops > 0) { state.focus = id; apply(); }
      showNode(id);
    } else if (params.edges.length) {
      showEdge(params.edges[0]);
    } else {
      state.selected = null;
      closePanel();
    }
  });


  timings.controls = performance.now();
  network.fit({animation: false});
  network.on("afterDrawing", fitHubFonts);        // from now on, after any zoom, fit or move
  timings.applied = performance.now();

  var ready = false;
  network.once("afterDrawing", function () {      // the first drawing with the graph in it
    ready = true;
    timings.drawn = performance.now();
    window.kgExplorer.drawnAt = timings.drawn;
    document.body.setAttribute("data-ready", "true");
  });

  window.kgExplorer = {
    search: search, setKind: setKind, setRelation: setRelation, setScope: setScope,
    setHops: setHops, showAll: showAll, select: function (id) { select(id, true); },
    showNode: showNode, showEdge: showEdge, reset: reset,
    isReady: function () { return ready; },
    visibleNodes: function () { return nodeItems.filter(function (n) { return !hidden[n.id]; }).map(function (n) { return n.id; }); },
    visibleEdges: function () { return edgeItems.filter(function (e) { return !hidden[e.id]; }).map(function (e) { return e.id; }); },
    scopes: function () { return info.scopes.map(function (s) { return s.label; }); },
    state: state, timings: timings
  };
})();
