//! User-written rich text (announcements, asset descriptions): CommonMark rendered to HTML, then
//! sanitized against an allowlist, so what one person writes can be shown to every partner
//! without running script, loading remote content or restyling the portal.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::Builder;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

/// Markdown as HTML that is safe to insert into a page as it is.
pub fn to_safe_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).filter(|event| !is_image(event));
    let mut rendered = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut rendered, events);
    SANITIZER.clean(&rendered).to_string()
}

/// Plain text as HTML text or attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The portal's CSP blocks remote images, so an image is shown as its alt text.
fn is_image(event: &Event) -> bool {
    matches!(
        event,
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image)
    )
}

/// Raw HTML in the Markdown passes through the parser, so this allowlist, not the renderer, is
/// what keeps markup safe: only what Markdown itself produces survives.
static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::empty();
    builder
        .tags(HashSet::from([
            "a",
            "blockquote",
            "br",
            "code",
            "del",
            "em",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "hr",
            "li",
            "ol",
            "p",
            "pre",
            "strong",
            "table",
            "tbody",
            "td",
            "th",
            "thead",
            "tr",
            "ul",
        ]))
        .tag_attributes(HashMap::from([
            ("a", HashSet::from(["href", "title"])),
            ("ol", HashSet::from(["start"])),
            ("td", HashSet::from(["style"])),
            ("th", HashSet::from(["style"])),
        ]))
        .generic_attributes(HashSet::new())
        // Column alignment is the one style tables need; anything else could restyle the page.
        .filter_style_properties(HashSet::from(["text-align"]))
        // Removing these tags would leave their code behind as visible text.
        .clean_content_tags(HashSet::from(["script", "style", "iframe", "noscript"]))
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer nofollow"));
    builder
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_headings_lists_and_code() {
        let html = to_safe_html(
            "# Title\n\n## Sub\n\n- one\n- **two**\n\n3. c\n\n`x < y`\n\n```rust\nfn main() {}\n```\n",
        );
        assert!(html.contains("<h1>Title</h1>"), "{html}");
        assert!(html.contains("<h2>Sub</h2>"), "{html}");
        assert!(
            html.contains("<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>"),
            "{html}"
        );
        assert!(html.contains("<ol start=\"3\">"), "{html}");
        assert!(html.contains("<code>x &lt; y</code>"), "{html}");
        assert!(
            html.contains("<pre><code>fn main() {}\n</code></pre>"),
            "{html}"
        );
    }

    #[test]
    fn renders_tables_and_strikethrough() {
        let html = to_safe_html("| Tier | Discount |\n|:--|--:|\n| Gold | 20% |\n\n~~old~~ new\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(
            html.contains("<th style=\"text-align:left\">Tier</th>"),
            "{html}"
        );
        assert!(
            html.contains("<td style=\"text-align:right\">20%</td>"),
            "{html}"
        );
        assert!(html.contains("<del>old</del> new"), "{html}");
    }

    #[test]
    fn links_get_rel_and_keep_their_address() {
        let html = to_safe_html("[docs](https://example.com/a?b=c) and <https://example.com>");
        assert!(
            html.contains(
                "<a href=\"https://example.com/a?b=c\" rel=\"noopener noreferrer nofollow\">docs</a>"
            ),
            "{html}"
        );
        assert!(html.contains("<a href=\"https://example.com\" rel=\"noopener noreferrer nofollow\">https://example.com</a>"), "{html}");
        assert!(to_safe_html("<ops@example.com>").contains("href=\"mailto:ops@example.com\""));
    }

    #[test]
    fn removes_script() {
        for input in [
            "<script>alert(1)</script>",
            "Hello <script>alert(1)</script> there",
            "<div>\n<script>alert(1)</script>\n</div>",
            "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        ] {
            let html = to_safe_html(input);
            assert!(!html.to_lowercase().contains("<script"), "{html}");
            assert!(!html.contains("alert(1)"), "{html}");
            assert!(!html.contains("evil.example"), "{html}");
        }
    }

    #[test]
    fn drops_dangerous_url_schemes() {
        for input in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "<a href=\"java&#x09;script:alert(1)\">x</a>",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "[x](vbscript:msgbox(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "[x]\n\n[x]: javascript:alert(1)",
        ] {
            let html = to_safe_html(input).to_lowercase();
            assert!(!html.contains("href"), "{input} -> {html}");
        }
    }

    #[test]
    fn removes_images() {
        let html = to_safe_html("<img src=x onerror=alert(1)>");
        assert!(
            !html.contains("<img") && !html.contains("onerror"),
            "{html}"
        );
        let html = to_safe_html("See ![the diagram](https://example.com/d.png \"t\")");
        assert_eq!(html, "<p>See the diagram</p>\n");
    }

    #[test]
    fn keeps_href_but_not_event_handlers() {
        let html = to_safe_html("<a href=\"https://example.com\" onclick=\"x\">site</a>");
        assert!(html.contains("href=\"https://example.com\""), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        let html = to_safe_html("**b** <em onmouseover=\"x()\">e</em>");
        assert!(
            html.contains("<em>e</em>") && !html.contains("onmouseover"),
            "{html}"
        );
    }

    #[test]
    fn removes_frames_styles_and_forms() {
        let html = to_safe_html(
            "<iframe src=\"https://evil.example\"></iframe>\n\n\
             <style>body{display:none}</style>\n\n\
             <form action=\"https://evil.example\"><input name=p><button>Go</button></form>\n\n\
             <p style=\"position:fixed\" class=\"x\">text</p>",
        );
        for gone in [
            "<iframe",
            "<style",
            "display:none",
            "<form",
            "<input",
            "<button",
            "evil.example",
            "position",
            "class",
        ] {
            assert!(!html.contains(gone), "{gone} in {html}");
        }
        assert!(html.contains("text"), "{html}");
    }

    #[test]
    fn escapes_text() {
        assert_eq!(
            to_safe_html("1 < 2 & \"q\""),
            "<p>1 &lt; 2 &amp; \"q\"</p>\n"
        );
    }
}
