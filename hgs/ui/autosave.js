// HGS autosave: what a person types is committed the way they type it.
//
// Streamlit sends a field's value only on Enter or when the field loses focus, its date field
// only when focus leaves it with the calendar closed, and a click on a page link made while a
// field is being committed is dropped. So, for every field outside a form:
//  - text, text area, number: committed after a second without typing;
//  - a date typed as digits: committed on Enter, on Tab (focus moves on) and after a second
//    without typing once day, month and a four-digit year are filled in;
//  - the "new item" field of a list: a pause saves a draft (a hidden twin field, `-draft-`,
//    carries it; the item itself is added on Enter or when the field is left);
//  - a click on a page link (Volgende, Vorige, a step, the sidebar) first commits what is
//    pending, waits for that save to finish, then follows the link;
//  - hiding the page commits; a reload or close within that second asks "leave this page?".
(() => {
  if (window.hgsAutosave) return;
  window.hgsAutosave = true;
  const QUIET = 1000;
  const NAV = 'a[data-testid="stPageLink-NavLink"], a[data-testid="stSidebarNavLink"]';
  const timers = new Map();  // field -> pending commit
  const dirty = new Set();  // fields typed into and not committed yet
  let lastCommit = -Infinity;
  let following = false;

  const outsideForm = (el) => !el.closest('[data-testid="stForm"]');
  const holderClass = (el) => {
    const holder = el.closest('[class*="st-key-"]');
    return holder ? [...holder.classList].find((c) => c.startsWith('st-key-')) || '' : '';
  };
  // a list's fields are keyed m-(meeting id)-new-… and m-(meeting id)-draft-… (hgs/ui/lists.py)
  const isDraftTwin = (el) => /^st-key-m-[^-\s]+-draft-/.test(holderClass(el));
  const isNewItem = (el) => /^st-key-m-[^-\s]+-new-/.test(holderClass(el));
  const kindOf = (el) => {
    if (!el || !el.closest || !outsideForm(el) || isDraftTwin(el)) return null;
    if (el.matches('[data-testid="stTextArea"] textarea')) return 'text';
    if (el.matches('[data-testid="stTextInput"] input') && el.type === 'text') return 'text';
    if (el.matches('[data-testid="stNumberInput"] input')) return 'number';
    if (el.matches('[data-testid="stDateInputField"] [role="spinbutton"]')) return 'date';
    return null;
  };
  const key = (name, ctrl) => new KeyboardEvent('keydown', {
    key: name, code: name, keyCode: {Enter: 13, Escape: 27}[name], ctrlKey: ctrl,
    bubbles: true, cancelable: true});
  const setValue = (input, value) => {  // as if typed: React sees an input event
    const proto = input instanceof HTMLTextAreaElement ? HTMLTextAreaElement : HTMLInputElement;
    Object.getOwnPropertyDescriptor(proto.prototype, 'value').set.call(input, value);
    input.dispatchEvent(new Event('input', {bubbles: true}));
  };

  const dateComplete = (field) => {
    const parts = [...field.querySelectorAll('[role="spinbutton"]')];
    return parts.length > 0 && parts.every((p) => p.getAttribute('data-placeholder') !== 'true')
      && parts.every((p) => p.getAttribute('data-type') !== 'year'
                            || /^\d{4}$/.test((p.textContent || '').trim()));
  };
  const closeAndLeave = (field, next) => {
    // Escape closes the calendar (while it is open Streamlit keeps the typed date), then focus
    // leaves the field, which is when Streamlit takes the date.
    const active = document.activeElement;
    if (active && field.contains(active)) active.dispatchEvent(key('Escape', false));
    setTimeout(() => {
      if (next) next.focus();
      else if (field.contains(document.activeElement)) document.activeElement.blur();
    }, 0);
  };
  const nextFocusable = (container) => [...document.querySelectorAll(
    'input, textarea, select, button, a[href], [tabindex="0"], [contenteditable="true"]')]
    .find((e) => !container.contains(e) && !e.disabled && e.tabIndex >= 0
          && e.offsetParent !== null
          && (container.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING));

  // A "field" is what Streamlit commits as one: an input, a text area, or a whole date field
  // (its day, month and year are separate elements).
  const fieldOf = (el) => (kindOf(el) === 'date'
    ? el.closest('[data-testid="stDateInputField"]') : el);
  const isDateField = (field) => field.matches('[data-testid="stDateInputField"]');
  const forget = (field) => {
    dirty.delete(field);
    clearTimeout(timers.get(field));
    timers.delete(field);
  };
  const committed = (field) => { forget(field); lastCommit = performance.now(); };

  const commit = (field) => {  // send what was typed in `field`, as Streamlit would
    if (!dirty.has(field) || !field.isConnected) { forget(field); return false; }
    committed(field);
    if (isDateField(field)) {
      closeAndLeave(field, null);
    } else if (kindOf(field) === 'number') {
      field.dispatchEvent(key('Enter', false));
    } else if (isNewItem(field)) {  // a pause is a draft, not an item yet
      const cls = holderClass(field).replace('-new-', '-draft-');
      const twin = document.querySelector(`.${CSS.escape(cls)} input`);
      if (twin && twin.value !== field.value) {
        setValue(twin, field.value);
        twin.dispatchEvent(key('Enter', false));
      }
    } else {  // Enter commits a text field, Ctrl+Enter a text area
      field.dispatchEvent(key('Enter', field instanceof HTMLTextAreaElement));
    }
    return true;
  };
  const schedule = (field) => {
    dirty.add(field);
    clearTimeout(timers.get(field));
    timers.set(field, setTimeout(() => {
      timers.delete(field);
      // a date only once it is whole, and while the person is still in it
      if (isDateField(field) && !(dateComplete(field)
                                  && field.contains(document.activeElement))) return;
      commit(field);
    }, QUIET));
  };
  const flushAll = () => {  // commit everything typed and not sent yet; true if anything was
    let any = false;
    for (const field of [...dirty]) {
      if (!field.isConnected || (isDateField(field) && !dateComplete(field))) {
        forget(field);
      } else if (field === document.activeElement) {
        committed(field);
        field.blur();  // leaving the field commits it (and adds a new item)
        any = true;
      } else {
        any = commit(field) || any;
      }
    }
    const active = document.activeElement;
    if (active && kindOf(active) === 'text' && isNewItem(active) && active.value.trim()) {
      committed(active);
      active.blur();  // a typed new item is added, not left behind
      any = true;
    }
    return any;
  };

  document.addEventListener('input', (event) => {
    const kind = kindOf(event.target);
    if (kind === 'text' || kind === 'number') schedule(event.target);
  }, true);
  document.addEventListener('keydown', (event) => {
    const el = event.target;
    const kind = kindOf(el);
    if (!kind || !event.isTrusted) return;
    const field = fieldOf(el);
    if (kind === 'date') {
      if (event.key === 'Enter') {
        event.preventDefault();
        dirty.add(field);
        commit(field);
      } else if (event.key === 'Tab' && !event.shiftKey
                 && el.getAttribute('data-type') === 'year') {
        event.preventDefault();  // out of the field, past its calendar button
        committed(field);
        closeAndLeave(field, nextFocusable(field));
      } else if (/^[0-9]$/.test(event.key) || ['Backspace', 'Delete', 'ArrowUp',
                                               'ArrowDown'].includes(event.key)) {
        schedule(field);
      }
    } else if (event.key === 'Enter' && !event.shiftKey
               && (el instanceof HTMLInputElement || event.ctrlKey || event.metaKey)) {
      committed(field);  // Streamlit commits this one itself
    }
  }, true);
  document.addEventListener('focusout', (event) => {
    const el = event.target;
    const kind = kindOf(el);
    // Streamlit commits a text or number field when it is left (a date only when the
    // calendar is closed: that one stays pending)
    if ((kind === 'text' || kind === 'number')
        && (dirty.has(el) || (isNewItem(el) && el.value.trim()))) committed(el);
  }, true);

  // A page link clicked while a save is on its way: let the save finish, then follow it.
  const whenIdle = (then) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const started = performance.now();
    let sawRun = false;
    let quietSince = null;
    const tick = () => {
      const running = app && app.getAttribute('data-test-script-state') === 'running';
      const now = performance.now();
      sawRun = sawRun || running;
      quietSince = running ? null : (quietSince ?? now);
      const settled = quietSince !== null && now - quietSince > 150;
      if ((sawRun && settled) || (!sawRun && now - started > 700) || now - started > 10000) {
        then();
      } else {
        setTimeout(tick, 40);
      }
    };
    tick();
  };
  document.addEventListener('click', (event) => {
    if (following || !event.target.closest) return;
    const link = event.target.closest(NAV);
    if (!link) return;
    const flushed = flushAll();
    if (!flushed && performance.now() - lastCommit > 2000) return;  // nothing on its way
    event.preventDefault();
    event.stopImmediatePropagation();
    const href = link.getAttribute('href');
    whenIdle(() => {
      const again = [...document.querySelectorAll(NAV)].find(
        (a) => a.getAttribute('href') === href) || link;
      following = true;
      try { again.click(); } finally { following = false; }
    });
  }, true);

  // After a reload, a draft the server kept comes back into its "new item" field as if just
  // typed: Enter, or leaving the field, adds it. Once per field, so a field the person
  // emptied stays empty.
  const restored = new WeakSet();
  const restoreDrafts = () => {
    for (const twin of document.querySelectorAll('[class*="st-key-m-"][class*="-draft-"] input')) {
      if (!twin.value || !isDraftTwin(twin)) continue;
      const cls = holderClass(twin).replace('-draft-', '-new-');
      const field = document.querySelector(`.${CSS.escape(cls)} input`);
      if (!field || restored.has(field)) continue;
      restored.add(field);
      if (!field.value) setValue(field, twin.value);
    }
  };
  // At once when Streamlit draws the fields (before a key can reach them), and now and then.
  new MutationObserver(restoreDrafts).observe(document.body, {childList: true, subtree: true});
  setInterval(restoreDrafts, 300);

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushAll();
  });
  window.addEventListener('pagehide', flushAll);
  window.addEventListener('beforeunload', (event) => {
    const pending = [...dirty].some((field) => field.isConnected
                                    && (!isDateField(field) || dateComplete(field)));
    if (!pending) return;
    flushAll();  // sends the values now; the browser asks "leave?" meanwhile
    event.preventDefault();
  });
})();
