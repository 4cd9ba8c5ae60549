//! Which requests the dev server answers at all, checked before a URL is
//! looked at: only for this machine's names (a page on another site that
//! rebinds its DNS name to 127.0.0.1 sends its own name as `Host`), only
//! GET and HEAD, and only URLs of a sane length.

use std::net::{IpAddr, SocketAddr};

/// Longer request targets are refused (414); no page path comes close.
pub const MAX_URL: usize = 8 * 1024;

/// Why a request is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// HTTP/1.1 without exactly one `Host` header: 400.
    NoHost,
    /// A `Host` that names neither the bound address nor `localhost`: 403.
    ForeignHost,
    /// A method other than GET or HEAD: 405.
    Method,
    /// A URL longer than [`MAX_URL`]: 414.
    TooLong,
}

impl Refusal {
    /// The status code and a line of text for the response.
    pub fn status(&self) -> (u16, &'static str) {
        match self {
            Refusal::NoHost => (400, "a Host header is required"),
            Refusal::ForeignHost => (
                403,
                "cairn serve answers only requests for its own address or localhost",
            ),
            Refusal::Method => (405, "cairn serve answers GET and HEAD only"),
            Refusal::TooLong => (414, "the URL is too long"),
        }
    }
}

/// What a request looks like to the guard.
pub struct Asked<'a> {
    /// GET, HEAD, or anything else.
    pub read_only: bool,
    /// HTTP/1.1 or later (where `Host` is required).
    pub http11: bool,
    /// The values of every `Host` header.
    pub hosts: Vec<&'a str>,
    /// The request target.
    pub url: &'a str,
}

/// Lets a request through, or says why not. HTTP/1.0 may leave `Host` out
/// (no browser does, so a rebinding page cannot); given, it is checked.
pub fn check(asked: &Asked, bound: SocketAddr) -> Result<(), Refusal> {
    match asked.hosts.as_slice() {
        [] if !asked.http11 => {}
        [host] if host_is_ours(host, bound) => {}
        [_] => return Err(Refusal::ForeignHost),
        _ => return Err(Refusal::NoHost),
    }
    if !asked.read_only {
        return Err(Refusal::Method);
    }
    if asked.url.len() > MAX_URL {
        return Err(Refusal::TooLong);
    }
    Ok(())
}

/// Whether `host` is `localhost` or the bound IP, with the bound port or
/// none. Bound to every address (`0.0.0.0`, `::`), any IP literal is one of
/// ours; a name other than `localhost` never is.
fn host_is_ours(host: &str, bound: SocketAddr) -> bool {
    let host = host.trim();
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        // `[v6]` or `[v6]:port`.
        let Some((v6, after)) = rest.split_once(']') else {
            return false;
        };
        match after {
            "" => (v6, None),
            _ => match after.strip_prefix(':') {
                Some(port) => (v6, Some(port)),
                None => return false,
            },
        }
    } else {
        match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    if let Some(port) = port
        && port.parse::<u16>().ok() != Some(bound.port())
    {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    // A bare IPv6 address is only allowed between brackets.
    let bracketed = host.starts_with('[');
    match name.parse::<IpAddr>() {
        Ok(ip) if ip.is_ipv6() != bracketed => false,
        Ok(ip) => ip == bound.ip() || bound.ip().is_unspecified(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked<'a>(hosts: &[&'a str]) -> Asked<'a> {
        Asked {
            read_only: true,
            http11: true,
            hosts: hosts.to_vec(),
            url: "/",
        }
    }

    #[test]
    fn only_this_machines_names_are_answered() {
        let v4: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        for good in ["127.0.0.1:1111", "127.0.0.1", "localhost", "LocalHost:1111"] {
            assert_eq!(check(&asked(&[good]), v4), Ok(()), "{good}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example:1111",
            "127.0.0.1:2222",
            "localhost:0",
            "127.0.0.2:1111",
            "127.0.0.1:1111:1111",
            "127.0.0.1:",
            "",
            "[127.0.0.1]:1111",
            "localhost.:1111",
        ] {
            assert_eq!(
                check(&asked(&[bad]), v4),
                Err(Refusal::ForeignHost),
                "{bad}"
            );
        }
        let v6: SocketAddr = "[::1]:1111".parse().unwrap();
        assert_eq!(check(&asked(&["[::1]:1111"]), v6), Ok(()));
        assert_eq!(check(&asked(&["[::1]"]), v6), Ok(()));
        assert_eq!(check(&asked(&["::1"]), v6), Err(Refusal::ForeignHost));
        let every: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        assert_eq!(check(&asked(&["192.168.1.5:1111"]), every), Ok(()));
        assert_eq!(
            check(&asked(&["intranet.example:1111"]), every),
            Err(Refusal::ForeignHost)
        );
    }

    #[test]
    fn http11_needs_one_host_and_http10_may_leave_it_out() {
        let v4: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        assert_eq!(check(&asked(&[]), v4), Err(Refusal::NoHost));
        assert_eq!(
            check(&asked(&["localhost", "evil.example"]), v4),
            Err(Refusal::NoHost)
        );
        let old = Asked {
            http11: false,
            ..asked(&[])
        };
        assert_eq!(check(&old, v4), Ok(()));
        let old_foreign = Asked {
            http11: false,
            ..asked(&["evil.example"])
        };
        assert_eq!(check(&old_foreign, v4), Err(Refusal::ForeignHost));
    }

    #[test]
    fn writes_and_huge_urls_are_refused() {
        let v4: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        let post = Asked {
            read_only: false,
            ..asked(&["localhost"])
        };
        assert_eq!(check(&post, v4), Err(Refusal::Method));
        let long = "/".repeat(MAX_URL + 1);
        let huge = Asked {
            url: &long,
            ..asked(&["localhost"])
        };
        assert_eq!(check(&huge, v4), Err(Refusal::TooLong));
    }
}
