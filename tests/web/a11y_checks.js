// WCAG 2.2 checks axe leaves to people: target size (2.5.8) over every target, and focus
// not obscured (2.4.11) by a sticky or fixed element, each focusable focused in turn.
(() => {
  const TARGETS = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])';
  const MIN = 24;

  function shown(el) {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'
      && !el.closest('[aria-hidden=true], [inert]');
  }

  function describe(el) {
    const text = (el.getAttribute('aria-label') || el.textContent || el.name || '').trim().slice(0, 40);
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${text}"`;
  }

  // The inline exception: a link within a sentence, sized by the line of text it sits in.
  function inSentence(el) {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    return Boolean(block) && block.textContent.trim() !== el.textContent.trim();
  }

  // The spacing exception: a 24 px circle on its centre reaches no other target (nor its circle).
  function spaced(el, r, all) {
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    return all.every(([other, q]) => {
      if (other === el || other.contains(el) || el.contains(other)) return true;
      const small = q.width < MIN || q.height < MIN;
      if (small) return Math.hypot(cx - (q.left + q.width / 2), cy - (q.top + q.height / 2)) >= MIN;
      const dx = Math.max(q.left - cx, 0, cx - q.right), dy = Math.max(q.top - cy, 0, cy - q.bottom);
      return Math.hypot(dx, dy) >= MIN / 2;
    });
  }

  window.signonSmallTargets = () => {
    const all = [...document.querySelectorAll(TARGETS)].filter(shown).map(el => [el, el.getBoundingClientRect()]);
    return all
      .filter(([el, r]) => (r.width < MIN || r.height < MIN) && !inSentence(el) && !spaced(el, r, all))
      .map(([el, r]) => `${describe(el)} ${Math.round(r.width)}×${Math.round(r.height)}`);
  };

  window.signonObscuredFocus = () => {
    const stuck = [...document.querySelectorAll('body *')].filter(e => ['sticky', 'fixed'].includes(getComputedStyle(e).position));
    const found = [];
    if (stuck.length) {
      for (const el of document.querySelectorAll(TARGETS)) {
        if (!shown(el) || el.disabled) continue;
        el.focus();
        const r = el.getBoundingClientRect();
        for (const s of stuck) {
          if (s.contains(el)) continue;
          const q = s.getBoundingClientRect();
          if (r.left < q.right && r.right > q.left && r.top < q.bottom && r.bottom > q.top) {
            found.push(`${describe(el)} under ${describe(s)}`);
          }
        }
      }
      if (document.activeElement) document.activeElement.blur();
      window.scrollTo(0, 0);
    }
    return found;
  };
})();
