// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Sign-up: start the account in the browser's own time zone (it can be changed in Settings).
  document.querySelectorAll("input[data-detect-time-zone]").forEach(function (input) {
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (zone) { input.value = zone; }
    } catch (e) { /* keep the server's default */ }
  });

  // Copy buttons, shown only when the clipboard can be used. Delegated, so buttons in panels
  // that are replaced while typing work too.
  function showCopyButtons(root) {
    if (!navigator.clipboard) { return; }
    root.querySelectorAll("button[data-copy]").forEach(function (button) { button.hidden = false; });
  }
  showCopyButtons(document);
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy]");
    if (!button || !navigator.clipboard) { return; }
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source) { return; }
    var text = "value" in source ? source.value : source.textContent;
    navigator.clipboard.writeText(text.trim()).then(function () {
      var label = button.getAttribute("data-label") || button.textContent;
      button.setAttribute("data-label", label);
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 4000);
    });
  });
  window.steadyShowCopyButtons = showCopyButtons;
})();

// ---------------------------------------------------------------------------------------------
// Moments
(function () {
  "use strict";

  // Quick capture: the intensity counts only once the person moves the slider.
  document.querySelectorAll("form[data-quick-capture]").forEach(function (form) {
    var slider = form.querySelector("[data-intensity]");
    var set = form.querySelector("[data-intensity-set]");
    var shown = form.querySelector("[data-intensity-value]");
    if (!slider || !set) { return; }
    slider.addEventListener("input", function () {
      set.value = "1";
      if (shown) { shown.textContent = slider.value; }
    });
  });

  // The pause: a one-minute breathing guide and a 20-minute walk timer.
  var display = document.querySelector("[data-timer-display]");
  var kindField = document.querySelector("[data-pause-kind]");
  var secondsField = document.querySelector("[data-pause-seconds]");
  var running = null;
  function record(kind, seconds) {
    if (kindField) { kindField.value = kind; }
    if (secondsField) { secondsField.value = String(seconds); }
    var radio = document.querySelector("input[name=pause_record][value=" + kind + "]");
    if (radio) { radio.checked = true; }
  }
  function countdown(kind, total, phaseText) {
    if (!display) { return; }
    if (running) { clearInterval(running); }
    var left = total;
    display.hidden = false;
    var tick = function () {
      var m = Math.floor(left / 60), s = left % 60;
      var clock = m + ":" + (s < 10 ? "0" : "") + s;
      display.textContent = (phaseText ? phaseText(total - left) + " · " : "") + clock + " left";
      record(kind, total - left);
      if (left <= 0) {
        clearInterval(running);
        running = null;
        display.textContent = "Done. Notice how you feel now.";
        record(kind, total);
        return;
      }
      left -= 1;
    };
    tick();
    running = setInterval(tick, 1000);
  }
  function breathPhase(elapsed) {
    var t = elapsed % 14;
    if (t < 4) { return "Breathe in"; }
    if (t < 8) { return "Hold"; }
    return "Breathe out";
  }
  // Choosing a pause by hand overrides whatever a timer recorded.
  document.querySelectorAll("input[name=pause_record]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (!radio.checked) { return; }
      if (running) { clearInterval(running); running = null; }
      if (display) { display.hidden = true; }
      if (kindField) { kindField.value = ""; }
      if (secondsField) { secondsField.value = "0"; }
    });
  });
  var breathe = document.querySelector("[data-start-breathing]");
  if (breathe) {
    breathe.hidden = false;
    breathe.addEventListener("click", function () { countdown("breathing", 60, breathPhase); });
  }
  var walk = document.querySelector("[data-start-walk]");
  if (walk) {
    walk.hidden = false;
    walk.addEventListener("click", function () { countdown("walk", 20 * 60, null); });
  }

  // The thought: thinking traps and other explanations appear while the person types.
  var form = document.querySelector("form[data-live-analysis]");
  if (!form || !window.fetch) { return; }
  var thought = form.querySelector("[data-thought]");
  var out = form.querySelector("[data-findings]");
  var pinned = document.querySelector("[data-pinned]");
  var labels = {};
  try { labels = JSON.parse(form.getAttribute("data-trap-labels") || "{}"); } catch (e) { labels = {}; }
  if (!thought || !out) { return; }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }
  function marked(text, spans) {
    var p = el("p", "", "quote");
    var at = 0;
    spans.slice().sort(function (a, b) { return a.start - b.start; }).forEach(function (s) {
      var start = Math.max(s.start, at);
      if (start >= s.end) { return; }
      // Spans are byte offsets; the span's own text is what we mark.
      var idx = text.indexOf(s.text, at);
      if (idx < 0) { return; }
      if (idx > at) { p.appendChild(document.createTextNode(text.slice(at, idx))); }
      p.appendChild(el("mark", s.text));
      at = idx + s.text.length;
    });
    if (at < text.length) { p.appendChild(document.createTextNode(text.slice(at))); }
    return p;
  }
  function keep(name) {
    var kept = {};
    form.querySelectorAll("input[name^='" + name + "']").forEach(function (i) { if (i.checked) { kept[i.name + "=" + i.value] = true; } });
    return kept;
  }
  var challenge = form.querySelector("[data-challenge]");
  function render(text, analysis) {
    var checked = keep("trap_");
    var alts = keep("alternatives");
    while (out.firstChild) { out.removeChild(out.firstChild); }
    var unsafe = !!(analysis.safety && analysis.safety.length);
    // Never invite someone to "challenge" a thought about self-harm or danger.
    if (challenge) { challenge.hidden = unsafe; }
    if (unsafe) {
      // The page carries the operator's support panel, ready to show; build a plain one only
      // if it is missing.
      var ready = document.querySelector("template[data-support-template]");
      var support;
      if (ready && ready.content && ready.content.firstElementChild) {
        support = document.importNode(ready.content.firstElementChild, true);
      } else {
        support = el("section", "", "card support");
        support.setAttribute("role", "alert");
        support.appendChild(el("h2", "You deserve support right now"));
        var now = el("p");
        now.appendChild(el("strong", "If you are in danger now, call your local emergency number."));
        now.appendChild(document.createTextNode(" A crisis line can talk with you any time, in confidence."));
        support.appendChild(now);
      }
      out.appendChild(support);
      return;
    }
    if (analysis.traps.length) {
      out.appendChild(el("h2", "Thinking traps that may be at work"));
      out.appendChild(el("p", "These are suggestions. Keep the ones that fit; dismiss the ones that don't.", "help"));
      analysis.traps.forEach(function (t) {
        var fs = el("fieldset", "", "finding");
        fs.appendChild(el("legend", labels[t.id] || t.id));
        fs.appendChild(marked(text, t.spans));
        fs.appendChild(el("p", t.explanation));
        var q = el("p");
        q.appendChild(el("strong", "Ask yourself: "));
        q.appendChild(document.createTextNode(t.question));
        fs.appendChild(q);
        [["confirm", "This fits"], ["dismiss", "Doesn't fit"]].forEach(function (choice) {
          var label = el("label");
          var input = el("input");
          input.type = "radio";
          input.name = "trap_" + t.id;
          input.value = choice[0];
          input.checked = !!checked[input.name + "=" + choice[0]];
          label.appendChild(input);
          label.appendChild(document.createTextNode(" " + choice[1]));
          fs.appendChild(label);
        });
        out.appendChild(fs);
      });
    }
    if (analysis.event && analysis.event.alternatives.length) {
      var fs = el("fieldset", "", "choices alternatives");
      var legend = el("legend", "Other possible explanations ");
      legend.appendChild(el("span", "(tap to keep any that seem possible)", "help"));
      fs.appendChild(legend);
      var questions = [];
      analysis.event.alternatives.forEach(function (a) {
        // A question ("have you ever…?") is something to ask yourself, not an explanation to keep.
        if (/\?$/.test(a)) { questions.push(a); return; }
        var label = el("label", "", "alt");
        var input = el("input");
        input.type = "checkbox";
        input.name = "alternatives";
        input.value = a;
        input.checked = !!alts["alternatives=" + a];
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + a));
        fs.appendChild(label);
      });
      out.appendChild(fs);
      questions.forEach(function (q) {
        var p = el("p", "", "own-question");
        p.appendChild(el("strong", "And ask yourself: "));
        p.appendChild(document.createTextNode(q));
        out.appendChild(p);
      });
    }
  }
  var timer = null;
  var latest = 0;
  thought.addEventListener("input", function () {
    if (pinned) { pinned.textContent = thought.value; }
    clearTimeout(timer);
    timer = setTimeout(function () {
      var text = thought.value;
      var ticket = ++latest;
      if (!text.trim()) { render(text, { traps: [], safety: [], event: null }); return; }
      fetch("/api/v1/analyze", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", "x-csrf-token": form.getAttribute("data-csrf") || "" },
        body: JSON.stringify({ text: text })
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (analysis) {
        if (analysis && ticket === latest) { render(text, analysis); }
      }).catch(function () { /* the Check button still works */ });
    }, 300);
  });
})();

// ---------------------------------------------------------------------------------------------
// Message coach
(function () {
  "use strict";
  var form = document.querySelector("form[data-coach-form]");
  var live = document.querySelector("[data-coach-live]");
  var status = document.querySelector("[data-coach-status]");

  // The distress slider shows where it is.
  var distress = form && form.querySelector("[data-distress]");
  var distressShown = form && form.querySelector("[data-distress-value]");
  if (distress && distressShown) {
    distress.addEventListener("input", function () { distressShown.textContent = distress.value; });
  }

  function say(text) {
    if (status) { status.textContent = text; }
  }

  // One short sentence for screen readers after each refresh, instead of reading out the whole
  // panel every time it changes.
  function summarize(panel) {
    var tone = panel.querySelector("[data-tone]");
    if (!tone) { say(""); return; }
    var parts = [tone.textContent.trim() + "."];
    var notes = panel.querySelectorAll(".finding").length;
    if (notes) {
      parts.push(notes === 1 ? "One thing to look at." : notes + " things to look at.");
    } else if (panel.querySelector("[data-nothing-to-fix]")) {
      parts.push("Nothing here to fix.");
    }
    var rewrites = panel.querySelectorAll("[data-rewrite]").length;
    if (rewrites) { parts.push(rewrites + " gentler ways to say it, below."); }
    if (panel.querySelector("[data-coach-break]")) { parts.push("A 20-minute break is suggested before sending."); }
    say(parts.join(" "));
  }

  if (form && live && window.fetch && window.DOMParser) {
    var input = form.querySelector("[data-coach-input]");
    var timer = null;
    var ticket = 0;
    var waiting = false;
    var refresh = function () {
      var mine = ++ticket;
      var body = new URLSearchParams(new FormData(form));
      fetch("/coach/preview", { method: "POST", credentials: "same-origin", body: body })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html === null || mine !== ticket) { return; }
          var old = live.querySelector("[data-coach-results]");
          if (!old) { return; }
          // Never pull the panel from under someone working in it (editing a rewrite, on the
          // timer button): refresh once they leave it.
          if (old.contains(document.activeElement)) { waiting = true; return; }
          // The panel is rendered (and escaped) by Steady itself.
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.querySelector("[data-coach-results]");
          if (!fresh) { return; }
          var panel = document.importNode(fresh, true);
          old.replaceWith(panel);
          if (window.steadyShowCopyButtons) { window.steadyShowCopyButtons(panel); }
          bindBreak();
          summarize(panel);
        })
        .catch(function () { /* the Check button still works */ });
    };
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 350);
    });
    live.addEventListener("focusout", function (event) {
      if (waiting && !live.contains(event.relatedTarget)) { waiting = false; refresh(); }
    });
    if (input && input.value.trim()) { refresh(); }
  }

  // A 20-minute break before sending. The break keeps running while the panel refreshes.
  var breakEnds = 0;
  var breakClock = null;
  function showBreak() {
    var button = document.querySelector("[data-start-coach-break]");
    var display = document.querySelector("[data-coach-timer]");
    var left = Math.max(0, Math.ceil((breakEnds - Date.now()) / 1000));
    if (left <= 0 && breakClock) {
      clearInterval(breakClock);
      breakClock = null;
      say("Break over. Read your message again before you decide.");
    }
    if (!display) { return; }
    display.hidden = false;
    if (button) { button.hidden = true; }
    var m = Math.floor(left / 60), s = left % 60;
    while (display.firstChild) { display.removeChild(display.firstChild); }
    if (left > 0) {
      var clock = document.createElement("span");
      clock.className = "clock";
      clock.textContent = m + ":" + (s < 10 ? "0" : "") + s + " left";
      display.appendChild(clock);
      display.appendChild(document.createTextNode(" Breathe, move, step away from the phone."));
    } else {
      display.textContent = "Break over. Read your message again before you decide.";
    }
  }
  function bindBreak() {
    var button = document.querySelector("[data-start-coach-break]");
    var display = document.querySelector("[data-coach-timer]");
    if (!button || !display || button.getAttribute("data-bound")) { return; }
    button.setAttribute("data-bound", "1");
    if (breakEnds) { showBreak(); return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      breakEnds = Date.now() + 20 * 60 * 1000;
      showBreak();
      breakClock = setInterval(showBreak, 1000);
      // The button is gone; keep focus on the card instead of dropping it to the page.
      display.focus();
      say("Break started: 20 minutes. Your draft will be here.");
    });
  }
  bindBreak();

  // The builder shows the sentence as it is put together.
  var builder = document.querySelector("form[data-builder]");
  if (builder) {
    var preview = builder.querySelector("[data-builder-preview]");
    var update = function () {
      var feeling = builder.querySelector("[name=feeling]");
      var situation = builder.querySelector("[name=situation]");
      var own = builder.querySelector("[name=own_need]");
      var picked = builder.querySelector("[name=need]:checked");
      var need = own && own.value.trim() ? own.value.trim() : (picked ? picked.parentNode.textContent.trim() : "");
      var about = situation ? situation.value.trim().replace(/\.$/, "") : "";
      if (preview) {
        preview.textContent = about ? "I feel " + feeling.options[feeling.selectedIndex].text + " about " + about + ". " + need : "";
      }
    };
    builder.addEventListener("input", update);
    builder.addEventListener("change", update);
    // The draft typed above travels with the builder, so putting a message together never
    // empties the draft box.
    builder.addEventListener("submit", function () {
      var draft = form && form.querySelector("[data-coach-input]");
      var carried = builder.querySelector("input[type=hidden][name=text]");
      if (draft && carried) { carried.value = draft.value; }
    });
  }
})();
