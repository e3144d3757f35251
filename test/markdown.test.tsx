import { describe, expect, it } from 'vitest';
import { LegalText } from '../views/legal/legal.js';
import { Markdown } from '../views/markdown.js';

const html = (text: string) => String(<Markdown text={text} />);

describe('minutes text as Markdown (views/markdown.tsx)', () => {
  it('renders numbered lists with their start number, bullets, italics and bold', () => {
    const out = html('1. eins\n2. *zwei*\n\n3) drei\n\n- **fett** und _kursiv_');
    expect(out).toContain('<ol><li>eins</li><li><em>zwei</em></li></ol>');
    expect(out).toContain('<ol start="3"><li>drei</li></ol>');
    expect(out).toContain('<ul><li><strong>fett</strong> und <em>kursiv</em></li></ul>');
  });

  it('shifts headings below the page headings (h1 page, h2 TOP)', () => {
    const out = html('# Bericht\n\n## Unterpunkt\n\n###### tief');
    expect(out).toContain('<h3>Bericht</h3>');
    expect(out).toContain('<h4>Unterpunkt</h4>');
    expect(out).toContain('<h6>tief</h6>');
    expect(out).not.toMatch(/<h[12]>/);
  });

  it('shows HTML as the text typed and never runs it', () => {
    const out = html('Vorher <script>alert(1)</script> nachher\n\n<img src=x onerror=alert(2)>\n\n<b onclick=x>fett</b>');
    expect(out).not.toMatch(/<script|<img|<b /i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&lt;img src=x onerror=alert(2)&gt;');
    // HTML is no block of its own that swallows the Markdown after it.
    expect(html('<script>x</script> **fett**')).toBe('<p>&lt;script&gt;x&lt;/script&gt; <strong>fett</strong></p>');
  });

  it('keeps only http(s) and mailto links; other targets become text', () => {
    const out = html('[Info](https://example.org/a?b=1&c=2) [böse](javascript:alert(1)) [Mail](mailto:a@example.org) [data](data:text/html,x)\n\n![Plan](javascript:alert(3)) ![Foto](https://example.org/f.png)');
    expect(out).toContain('<a href="https://example.org/a?b=1&amp;c=2" rel="noopener nofollow">Info</a>');
    expect(out).toContain('<a href="mailto:a@example.org" rel="noopener nofollow">Mail</a>');
    expect(out).not.toMatch(/javascript:|data:text/);
    expect(out).toContain('böse');
    expect(out).toContain('Plan');
    expect(out).toContain('<a href="https://example.org/f.png" rel="noopener nofollow">Foto</a>');
    expect(out).not.toContain('<img');
  });

  it('renders code, quotes, rules and line breaks', () => {
    const out = html('> zitiert\n\n---\n\nZeile 1\nZeile 2  \nZeile 3\n\n`x < y`');
    expect(out).toContain('<blockquote><p>zitiert</p></blockquote>');
    expect(out).toContain('<hr/>');
    expect(out).toMatch(/Zeile 1<br\/?>Zeile 2<br\/?>Zeile 3/);
    expect(out).toContain('<code>x &lt; y</code>');
  });
});

describe('legal texts keep their headings and placeholders', () => {
  it('marks [[placeholders]] in text, bold and headings; "##" is h2, "###" h3', () => {
    const out = String(<LegalText text={'## Anbieter\n[[Bitte ergänzen: Name]]\n\n### Kontakt\n\nTelefon: **[[Nummer]]**\n\n- [Seite](https://example.org)'} />);
    expect(out).toContain('<h2>Anbieter</h2>');
    expect(out).toContain('<p><mark class="placeholder">Bitte ergänzen: Name</mark></p>');
    expect(out).toContain('<h3>Kontakt</h3>');
    expect(out).toContain('<strong><mark class="placeholder">Nummer</mark></strong>');
    expect(out).toContain('<a href="https://example.org" rel="noopener nofollow">Seite</a>');
  });
});
