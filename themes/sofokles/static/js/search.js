// Site search and listing filters, on the Pagefind index the build writes to /pagefind/.
// Loaded as a module only on pages that search or filter. Without JavaScript the search page says so and
// listings keep their pages and pager: everything here is an addition.

// pagefind/ sits next to js/ in the output, so it is found from this file's own address at any sub-path.
const bundle = new URL('../pagefind/pagefind.js', import.meta.url).href;
const PAGE = 12;
let engine;

async function pagefind() {
  if (!engine) {
    engine = import(bundle).then(async (pf) => {
      await pf.options({ excerptLength: 24 });
      await pf.init();
      // Loads every filter's data: a search counts only the filters already loaded.
      await pf.filters();
      return pf;
    });
  }
  return engine;
}

const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? '');
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const k of kids) if (k) e.append(k);
  return e;
};

// The filters chosen in a form, as Pagefind wants them; `skip` leaves one group out (for its counts).
function chosen(form, fixed, skip) {
  const filters = { ...fixed };
  for (const s of form.querySelectorAll('select[data-filter]')) {
    if (s.value && s.name !== skip) filters[s.name] = s.value;
  }
  return filters;
}

// Each group's options with the number of results the visitor gets by choosing it, the other groups as
// they are: one search per group, one after the other (Pagefind drops a search that a newer one overtakes).
async function counts(pf, form, term, fixed) {
  for (const s of form.querySelectorAll('select[data-filter]')) {
    const filters = chosen(form, fixed, s.name);
    let found;
    if (term || Object.keys(filters).length) {
      const res = await pf.search(term || null, { filters });
      if (!res) return false; // overtaken by a newer search, which fills the lists itself
      found = res.filters;
    } else {
      found = await pf.filters();
    }
    const known = (found && found[s.name]) || {};
    // A value from a shared address that no page has (any more) stays shown, with its 0.
    if (s.value && !(s.value in known)) known[s.value] = 0;
    const values = Object.entries(known)
      .filter(([v, n]) => n > 0 || v === s.value)
      .sort((a, b) => s.name === 'year' ? b[0].localeCompare(a[0]) : a[0].localeCompare(b[0], document.documentElement.lang));
    const keep = s.value;
    s.replaceChildren(el('option', { value: '' }, s.options[0] ? s.options[0].textContent : ''));
    for (const [v, n] of values) s.append(el('option', { value: v }, `${v} (${n})`));
    s.value = keep;
    s.closest('.filter-group').hidden = values.length === 0 && !keep;
  }
  return true;
}

function card(data, heading) {
  const meta = data.meta || {};
  const status = data.filters && data.filters.status && data.filters.status[0];
  const line = el('p', { class: 'card-meta' },
    meta.type ? el('span', { class: 'label' }, meta.type) : null,
    status ? el('span', { class: `badge badge-${meta.badge || ''}` }, status) : null,
    meta.date ? el('span', {}, meta.date) : null);
  const title = el(heading, { class: 'card-title' }, el('a', { href: data.url }, meta.title || data.url));
  const text = el('p', { class: 'card-text' });
  // Pagefind escapes the page text and marks the matched words with <mark>.
  if (data.excerpt && heading === 'h2') text.innerHTML = data.excerpt;
  else text.textContent = meta.description || '';
  return el('article', { class: 'card result' }, line, title, text.textContent ? text : null);
}

// Shows `results` a page at a time in `list`, with a button for more.
function show(list, results, heading, more) {
  list.replaceChildren();
  let shown = 0;
  const button = el('button', { type: 'button', class: 'button button-secondary show-more' }, more);
  const next = async () => {
    const batch = await Promise.all(results.slice(shown, shown + PAGE).map((r) => r.data()));
    for (const d of batch) list.append(el('li', {}, card(d, heading)));
    const first = list.children[shown];
    shown += batch.length;
    button.remove();
    if (shown < results.length) list.after(button);
    return first;
  };
  button.addEventListener('click', async () => {
    const first = await next();
    const link = first && first.querySelector('a');
    if (link) link.focus();
  });
  return next();
}

// The filters fold away on phones, where they would push the results off the first screen, unless one is
// chosen; on wide screens they have room.
function unfold(form) {
  const box = form.querySelector('.filter-box');
  if (box && (matchMedia('(min-width: 64em)').matches || [...form.querySelectorAll('select')].some((s) => s.value))) box.open = true;
}

function readUrl(form) {
  const params = new URLSearchParams(location.search);
  for (const input of form.querySelectorAll('[name]')) {
    const v = params.get(input.name) || '';
    if (input.tagName === 'SELECT' && v && ![...input.options].some((o) => o.value === v)) {
      input.append(el('option', { value: v }, v));
    }
    input.value = v;
  }
}

function writeUrl(form, push) {
  const params = new URLSearchParams();
  for (const input of form.querySelectorAll('[name]')) if (input.value) params.set(input.name, input.value);
  const query = params.toString();
  const url = location.pathname + (query ? `?${query}` : '');
  if (url !== location.pathname + location.search) history[push ? 'pushState' : 'replaceState'](null, '', url);
}

async function searchPage(form) {
  const input = form.querySelector('input[name="q"]');
  const status = document.querySelector('.search-status');
  const list = document.querySelector('.search-results');
  const groups = form.querySelector('.filter-groups');
  const d = form.dataset;
  let run = 0;
  const go = async () => {
    const mine = ++run;
    const term = input.value.trim();
    try {
      const pf = await pagefind();
      const filters = chosen(form, {});
      if (!(await counts(pf, form, term, {})) || mine !== run) return;
      if (groups) groups.hidden = false;
      if (!term) {
        status.textContent = d.start;
        list.replaceChildren();
        document.querySelector('.show-more')?.remove();
        return;
      }
      status.textContent = d.loading;
      const found = await pf.search(term, { filters });
      if (!found || mine !== run) return;
      const n = found.results.length;
      status.textContent = fill(n === 0 ? d.none : n === 1 ? d.one : d.many, { n, q: term });
      await show(list, found.results, 'h2', d.more);
    } catch (e) {
      status.textContent = d.error;
      console.error(e);
    }
  };
  let timer;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { writeUrl(form, false); go(); }, 250);
  });
  form.addEventListener('change', (e) => {
    if (e.target.tagName === 'SELECT') { writeUrl(form, true); go(); }
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    writeUrl(form, true);
    go();
  });
  addEventListener('popstate', () => { readUrl(form); go(); });
  readUrl(form);
  unfold(form);
  if (!input.value) input.focus();
  go();
}

// A listing's filters narrow the whole collection, not the page shown: with any filter chosen the static
// listing and its pager make way for the results; with none they come back.
async function listing(form) {
  const d = form.dataset;
  // What the page itself is about: a type (a section's listing), a theme or a sector (their pages).
  const fixed = {};
  if (d.type) fixed.type = d.type;
  if (d.fixedKey) fixed[d.fixedKey] = d.fixedValue;
  const statics = [...document.querySelectorAll('[data-static-listing]')];
  const status = form.querySelector('.filter-status');
  const list = document.querySelector('.filter-results');
  const clear = form.querySelector('.filter-clear');
  let run = 0;
  const go = async () => {
    const mine = ++run;
    try {
      const pf = await pagefind();
      if (!(await counts(pf, form, null, fixed)) || mine !== run) return;
      // A listing with nothing to narrow (no page of its type in the index yet) shows no filter box.
      const groups = form.querySelector('.filter-groups');
      groups.hidden = ![...groups.querySelectorAll('.filter-group')].some((g) => !g.hidden);
      const filters = chosen(form, fixed);
      const active = Object.keys(filters).length > Object.keys(fixed).length;
      for (const s of statics) s.hidden = active;
      list.hidden = !active;
      clear.hidden = !active;
      if (!active) {
        status.textContent = '';
        list.replaceChildren();
        document.querySelector('.show-more')?.remove();
        return;
      }
      const found = await pf.search(null, { filters, sort: { order: 'asc' } });
      if (!found || mine !== run) return;
      const n = found.results.length;
      status.textContent = n === 0 ? d.none : fill(n === 1 ? d.one : d.many, { n });
      await show(list, found.results, 'h3', d.more);
    } catch (e) {
      status.textContent = d.error;
      console.error(e);
    }
  };
  form.addEventListener('change', () => { writeUrl(form, true); go(); });
  form.addEventListener('submit', (e) => { e.preventDefault(); go(); });
  clear.addEventListener('click', () => {
    for (const s of form.querySelectorAll('select')) s.value = '';
    writeUrl(form, true);
    go();
    form.querySelector('select').focus();
  });
  addEventListener('popstate', () => { readUrl(form); go(); });
  readUrl(form);
  unfold(form);
  go();
}

for (const form of document.querySelectorAll('form[data-search]')) {
  if (form.dataset.search === 'page') searchPage(form);
  else listing(form);
}

