//! Private by construction (DESIGN.md section 2.7): no networking crate anywhere in the
//! dependency tree, and no `unsafe` code. `Cargo.lock` lists every package a `--locked`
//! build can use, dev-dependencies included, so the check reads it; a crate added to
//! Cargo.toml fails this test as soon as the lock file is updated.

use std::path::Path;

/// Crates whose job is to talk over a network: HTTP clients and servers, TLS, sockets, DNS,
/// async runtimes with network I/O, telemetry. `tokio` is refused outright because
/// Cargo.lock does not record features; if a tokio without `net` is ever needed, change
/// this test to read `cargo metadata` features instead.
const NETWORKING: &[&str] = &[
    "reqwest",
    "hyper",
    "hyper-util",
    "h2",
    "h3",
    "http-body",
    "ureq",
    "surf",
    "isahc",
    "curl",
    "curl-sys",
    "attohttpc",
    "minreq",
    "http-req",
    "tokio",
    "async-std",
    "smol",
    "async-net",
    "socket2",
    "native-tls",
    "openssl",
    "openssl-sys",
    "rustls",
    "tungstenite",
    "tokio-tungstenite",
    "websocket",
    "hickory-resolver",
    "trust-dns-resolver",
    "quinn",
    "libp2p",
    "lettre",
    "sentry",
    "opentelemetry",
];

fn repo_file(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).expect(name)
}

/// The package names in a Cargo.lock.
fn packages(lock: &str) -> Vec<&str> {
    lock.split("[[package]]")
        .skip(1)
        .filter_map(|block| {
            block
                .lines()
                .find_map(|l| l.strip_prefix("name = \""))
                .and_then(|rest| rest.strip_suffix('"'))
        })
        .collect()
}

/// The networking crates in a Cargo.lock.
fn networking(lock: &str) -> Vec<&str> {
    packages(lock)
        .into_iter()
        .filter(|p| NETWORKING.contains(p))
        .collect()
}

#[test]
fn no_networking_crate_is_in_the_dependency_tree() {
    let lock = repo_file("Cargo.lock");
    let all = packages(&lock);
    // The reading works: the lock file's own crate and its dependencies are there.
    for expected in ["cse-screen", "serde", "serde-saphyr", "clap", "proptest"] {
        assert!(
            all.contains(&expected),
            "{expected} not found in Cargo.lock"
        );
    }
    assert_eq!(
        networking(&lock),
        Vec::<&str>::new(),
        "cse-screen makes no network connections; remove these from the dependency tree"
    );
}

#[test]
fn the_check_finds_a_networking_crate_in_a_lock_file() {
    let lock = "version = 4\n\n[[package]]\nname = \"serde\"\nversion = \"1.0.0\"\n\n\
                [[package]]\nname = \"reqwest\"\nversion = \"0.12.0\"\ndependencies = [\n \"hyper\",\n]\n\n\
                [[package]]\nname = \"hyper\"\nversion = \"1.0.0\"\n";
    assert_eq!(networking(lock), ["reqwest", "hyper"]);
}

#[test]
fn unsafe_code_is_forbidden_and_never_allowed_back() {
    let manifest = repo_file("Cargo.toml");
    let lints = manifest
        .split("[lints.rust]")
        .nth(1)
        .and_then(|s| s.split("\n[").next())
        .expect("a [lints.rust] table in Cargo.toml");
    assert!(
        lints
            .lines()
            .any(|l| l.replace(' ', "") == "unsafe_code=\"forbid\""),
        "Cargo.toml [lints.rust] must say unsafe_code = \"forbid\":\n{lints}"
    );
    // `forbid` cannot be lowered by an `allow` in the code; no file tries.
    for dir in ["src", "tests", "benches", "examples"] {
        for file in rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)) {
            let text = std::fs::read_to_string(&file).expect("read");
            let needle = ["allow(", "unsafe_code)"].concat();
            assert!(
                !text.contains(&needle),
                "{} allows unsafe code",
                file.display()
            );
        }
    }
}

fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}
