//! Content search under load: wrk scripts that spread a run over many sessions (each session
//! may run 2 searches at once and 10 a second, as one person would), and the isolation run: a
//! partner of one organization searching at a person's pace while a partner of another hammers
//! the search with expensive queries.

use std::net::SocketAddr;
use std::path::Path;
use std::process::Stdio;

use crate::Result;
use crate::wrk::{Client, WrkFigures, run_wrk, wrk_command};

/// wrk's threads in every run; each takes its own share of the sessions.
pub const WRK_THREADS: usize = 2;
/// The victim's search: the content search of the main load run.
const VICTIM_CONNECTIONS: u32 = 2;
/// Each victim connection waits this long between searches: about 8 a second in all, within
/// one session's budget.
const VICTIM_PAUSE_MS: u32 = 250;
const ATTACKER_CONNECTIONS: u32 = 8;

/// A Lua script that sends each request with the next of `cookies`, each wrk thread using its
/// own share, so no session carries more than its part of the load. `pause_ms` makes each
/// connection wait between requests; `query` (a Lua expression) makes each request's `q=`.
pub fn script(cookies: &[String], pause_ms: Option<u32>, query: Option<&str>) -> String {
    let list: Vec<String> = cookies.iter().map(|c| format!("{c:?}")).collect();
    let mut lua = format!(
        "local cookies = {{{}}}\n\
         local per = math.max(1, math.floor(#cookies / {WRK_THREADS}))\n\
         local threads = 0\n\
         function setup(thread)\n  thread:set(\"share\", threads)\n  threads = threads + 1\nend\n\
         local n = 0\n\
         function init(args)\n  math.randomseed(share + 1)\nend\n\
         local function cookie()\n  n = n + 1\n  \
         return \"portico_session=\" .. cookies[(share * per + n % per) % #cookies + 1]\nend\n",
        list.join(", ")
    );
    let path = match query {
        Some(q) => format!("wrk.path .. \"?q=\" .. {q}"),
        None => "nil".to_owned(),
    };
    lua.push_str(&format!(
        "function request()\n  return wrk.format(nil, {path}, {{[\"Cookie\"] = cookie()}})\nend\n"
    ));
    if let Some(ms) = pause_ms {
        lua.push_str(&format!("function delay()\n  return {ms}\nend\n"));
    }
    lua
}

/// Ten words of one letter each, varied: before the search had bounds, each was a prefix that
/// matched most of the index.
const ONE_LETTER_WORDS: &str = "(function()\n    local w = {}\n    \
    for i = 1, 10 do local k = math.random(97, 122); w[i] = string.char(k) end\n    \
    return table.concat(w, \"%20\")\n  end)()";

/// Ten words of four letters, varied, from the load data's commonest word starts: the
/// costliest query the bounds leave (each the prefix of many words).
const FOUR_LETTER_WORDS: &str = "(function()\n    \
    local s = {\"kaka\", \"quot\", \"loka\", \"berk\", \"dalk\", \"gork\", \"fenk\", \"hulk\", \
    \"jenk\", \"kirk\", \"lank\", \"mika\"}\n    local w = {}\n    \
    for i = 1, 10 do w[i] = s[math.random(1, #s)] end\n    \
    return table.concat(w, \"%20\")\n  end)()";

/// An attack: who sends it and what it asks.
struct Attack {
    label: &'static str,
    sessions: usize,
    query: &'static str,
}

const ATTACKS: [Attack; 2] = [
    Attack {
        label: "1 session, 10 one-letter words",
        sessions: 1,
        query: ONE_LETTER_WORDS,
    },
    Attack {
        label: "8 sessions, 10 four-letter words",
        sessions: 8,
        query: FOUR_LETTER_WORDS,
    },
];

pub struct Isolation {
    pub label: &'static str,
    pub victim: WrkFigures,
    pub attacker: Option<WrkFigures>,
}

/// The victim's search alone, then beside each attack (8 connections, started a second
/// before the victim's run and ending a second after it). `attacker` holds at least as many
/// sessions as the largest attack uses.
pub fn isolation(
    addr: SocketAddr,
    dir: &Path,
    path: &str,
    victim: &str,
    attacker: &[String],
    seconds: u32,
) -> Result<Vec<Isolation>> {
    let victim_lua = dir.join("victim.lua");
    write(
        &victim_lua,
        &script(&[victim.to_owned()], Some(VICTIM_PAUSE_MS), None),
    )?;
    let victim_run = || {
        run_wrk(wrk_command(
            addr,
            path,
            Client::Script(&victim_lua),
            VICTIM_CONNECTIONS,
            seconds,
        ))
    };
    let mut runs = vec![Isolation {
        label: "alone",
        victim: victim_run()?,
        attacker: None,
    }];
    for attack in &ATTACKS {
        let lua = dir.join("attack.lua");
        write(
            &lua,
            &script(&attacker[..attack.sessions], None, Some(attack.query)),
        )?;
        let mut command = wrk_command(
            addr,
            "/api/assets",
            Client::Script(&lua),
            ATTACKER_CONNECTIONS,
            seconds + 2,
        );
        let running = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run wrk: {e}"))?;
        std::thread::sleep(std::time::Duration::from_secs(1));
        let victim = victim_run();
        let attacker = running
            .wait_with_output()
            .map_err(|e| format!("wrk: {e}"))
            .and_then(crate::wrk::wrk_figures)?;
        runs.push(Isolation {
            label: attack.label,
            victim: victim?,
            attacker: Some(attacker),
        });
    }
    Ok(runs)
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

pub fn print(path: &str, runs: &[Isolation]) {
    println!(
        "\nsearch isolation: another organization's partner runs GET {path} on \
         {VICTIM_CONNECTIONS} connections, each waiting {VICTIM_PAUSE_MS} ms between searches, \
         while a partner runs varied searches on {ATTACKER_CONNECTIONS} connections:"
    );
    println!(
        "{:<36} {:>10} {:>12} {:>12} {:>14} {:>10}",
        "attacker", "victim/s", "victim p50", "victim p99", "attacker/s", "refused"
    );
    for run in runs {
        let (rate, refused) = match &run.attacker {
            Some(a) => (
                format!("{:.0}", a.requests_per_sec),
                format!("{:.0} %", a.refused_percent()),
            ),
            None => ("-".into(), "-".into()),
        };
        println!(
            "{:<36} {:>10.1} {:>9.2} ms {:>9.2} ms {:>14} {:>10}",
            run.label,
            run.victim.requests_per_sec,
            run.victim.p50_ms,
            run.victim.p99_ms,
            rate,
            refused
        );
        if run.victim.non_success > 0 {
            println!(
                "  warning: {} of the victim's searches were not 2xx",
                run.victim.non_success
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_share_the_sessions_out_by_thread() {
        let cookies: Vec<String> = (0..4).map(|i| format!("c{i}")).collect();
        let lua = script(&cookies, Some(250), None);
        assert!(lua.starts_with("local cookies = {\"c0\", \"c1\", \"c2\", \"c3\"}\n"));
        assert!(lua.contains("local per = math.max(1, math.floor(#cookies / 2))"));
        assert!(lua.contains("wrk.format(nil, nil, {[\"Cookie\"] = cookie()})"));
        assert!(lua.ends_with("function delay()\n  return 250\nend\n"));
        let attack = script(&cookies[..1], None, Some(ONE_LETTER_WORDS));
        assert!(attack.contains("wrk.format(nil, wrk.path .. \"?q=\" .. (function()"));
        assert!(!attack.contains("delay"));
    }
}
