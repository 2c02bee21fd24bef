//! Registrable domains: the part of a website or e-mail address that a company registered
//! ("acme.co.uk" of "https://shop.acme.co.uk"), and consumer mail providers, whose domains never
//! identify a company.

/// Consumer mail providers: their domains never identify a company.
#[rustfmt::skip]
const FREE_MAIL: &[&str] = &[
    "gmail.com", "googlemail.com", "outlook.com", "live.com", "msn.com", "aol.com", "aim.com",
    "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "protonmail.ch", "pm.me",
    "web.de", "t-online.de", "freenet.de", "posteo.de", "mailbox.org", "mail.ru", "bk.ru",
    "inbox.ru", "list.ru", "rambler.ru", "ya.ru", "qq.com", "foxmail.com", "163.com", "126.com",
    "yeah.net", "sina.com", "sohu.com", "zoho.com", "zohomail.com", "fastmail.com", "fastmail.fm",
    "hey.com", "tutanota.com", "tutanota.de", "tuta.io", "tuta.com", "hushmail.com", "duck.com",
    "mail.com", "email.com", "inbox.com", "gmx.net", "hotmail.com", "yandex.ru", "ymail.com",
    "rocketmail.com", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "libero.it",
    "virgilio.it", "seznam.cz", "wp.pl", "o2.pl", "interia.pl", "onet.pl", "ukr.net", "abv.bg",
    "naver.com", "daum.net", "hanmail.net", "rediffmail.com", "bluewin.ch", "btinternet.com",
    "sky.com", "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "bigpond.com",
    "optusnet.com.au", "shaw.ca", "rogers.com", "uol.com.br", "bol.com.br", "terra.com.br",
];
/// Providers with a domain per country (yahoo.co.uk, hotmail.fr, gmx.de …).
const FREE_MAIL_BRANDS: &[&str] = &["yahoo", "hotmail", "gmx", "yandex", "outlook", "live"];

/// The registrable domain (public-suffix aware) of a URL, host or e-mail address; `None` when
/// there is none or it is a consumer mail provider.
pub fn registrable_domain(input: &str) -> Option<String> {
    let host = portico_api::validate::company_domain(input).ok()?;
    // Host::parse applies IDNA, so Unicode and punycode spellings give one ASCII form.
    let ascii = match url::Host::parse(&host).ok()? {
        url::Host::Domain(ascii) => ascii,
        _ => return None,
    };
    let registrable = psl::domain_str(&ascii)?.to_owned();
    // "www" names a web server, not a company; it would also lose its "www." when fed back in.
    let usable = !registrable.starts_with("www.") && !is_free_mail(&registrable);
    usable.then_some(registrable)
}

/// Whether a registrable domain belongs to a consumer mail provider.
pub fn is_free_mail(registrable_domain: &str) -> bool {
    let domain = registrable_domain.trim_end_matches('.');
    let brand = domain.split('.').next().unwrap_or_default();
    FREE_MAIL.iter().any(|d| d.eq_ignore_ascii_case(domain))
        || FREE_MAIL_BRANDS
            .iter()
            .any(|b| b.eq_ignore_ascii_case(brand))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn registrable_domains_are_public_suffix_aware() {
        for (input, domain) in [
            ("https://www.Acme.com/about", "acme.com"),
            ("shop.acme.co.uk", "acme.co.uk"),
            ("a.b.acme.com.au", "acme.com.au"),
            ("jane@sales.acme.de", "acme.de"),
            ("WWW.ACME.COM:8080", "acme.com"),
            ("münchen.de", "xn--mnchen-3ya.de"),
            ("https://www.XN--MNCHEN-3YA.de/", "xn--mnchen-3ya.de"),
            ("acme.com.", "acme.com"),
            ("jane@acme.com", "acme.com"),
            ("mailto:jane@acme.com", "acme.com"),
            ("acme.com", "acme.com"),
        ] {
            assert_eq!(
                registrable_domain(input).as_deref(),
                Some(domain),
                "{input}"
            );
        }
        for none in [
            "gmail.com",
            "jane@gmail.com",
            "yahoo.co.uk",
            "hotmail.fr",
            "not a domain",
            "192.168.0.1",
            "localhost",
            "co.uk",
            "bob@googlemail.com",
            "jane@yahoo.com",
            "x@proton.me",
            "",
            "http://[::1]:8080/",
            "shop.www.de",
        ] {
            assert_eq!(registrable_domain(none), None, "{none}");
        }
    }

    #[test]
    fn free_mail_is_told_apart_from_companies() {
        for free in [
            "gmail.com",
            "GMAIL.COM",
            "yahoo.fr",
            "hotmail.co.uk",
            "gmx.de",
            "qq.com",
        ] {
            assert!(is_free_mail(free), "{free}");
        }
        for company in ["acme.com", "google.com", "mailchimp.com", "protonic.com"] {
            assert!(!is_free_mail(company), "{company}");
        }
    }

    proptest! {
        #[test]
        fn registrable_domains_are_idempotent(host in "[a-z]{1,8}(\\.[a-z]{1,8}){1,3}") {
            if let Some(domain) = registrable_domain(&host) {
                prop_assert_eq!(registrable_domain(&domain), Some(domain.clone()));
            }
        }
    }
}
