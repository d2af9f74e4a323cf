//! Renders the theme's `page.html` with one real page context, N times, with Tera 1 and Tera 2.
//! plein's functions and filters are stand-ins returning fixed text: what is measured is the
//! engines' own work (context conversion and rendering), not Fluent or URL lookups.
//! Usage: tera-compare TEMPLATES_DIR CONTEXT_JSON [N] [OUT_DIR]
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn templates(dir: &Path) -> Vec<(String, String)> {
    walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| {
            let name = p.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out.sort();
    out
}

fn per_page(total: Duration, n: usize) -> String {
    format!("{:.1} µs", total.as_secs_f64() * 1e6 / n as f64)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = PathBuf::from(&args[1]);
    let ctx: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&args[2]).unwrap()).unwrap();
    let n: usize = args.get(3).map(|a| a.parse().unwrap()).unwrap_or(3000);
    let out = args.get(4).map(PathBuf::from);

    let mut t1 = tera1::Tera::default();
    t1.register_function("t", |a: &HashMap<String, tera1::Value>| Ok(a.get("key").cloned().unwrap_or_default()));
    t1.register_function("num", |a: &HashMap<String, tera1::Value>| Ok(a.get("value").cloned().unwrap_or_default()));
    t1.register_function("url", |_: &HashMap<String, tera1::Value>| Ok(tera1::Value::String("/zoeken/".into())));
    t1.register_function("asset", |_: &HashMap<String, tera1::Value>| Ok(tera1::Value::String("/assets/a.css".into())));
    t1.register_filter("date", |v: &tera1::Value, _: &HashMap<String, tera1::Value>| Ok(v.clone()));
    t1.register_filter("slugify", |v: &tera1::Value, _: &HashMap<String, tera1::Value>| Ok(v.clone()));
    t1.add_raw_templates(templates(&dir)).expect("Tera 1 parses the theme");

    let mut t2 = tera2::Tera::new();
    t2.register_function("t", |kw: tera2::Kwargs, _: &tera2::State| -> tera2::TeraResult<tera2::Value> {
        Ok(kw.get::<tera2::Value>("key")?.unwrap_or(tera2::Value::none()))
    });
    t2.register_function("num", |kw: tera2::Kwargs, _: &tera2::State| -> tera2::TeraResult<tera2::Value> {
        Ok(kw.get::<tera2::Value>("value")?.unwrap_or(tera2::Value::none()))
    });
    t2.register_function("url", |_: tera2::Kwargs, _: &tera2::State| tera2::Value::from("/zoeken/"));
    t2.register_function("asset", |_: tera2::Kwargs, _: &tera2::State| tera2::Value::from("/assets/a.css"));
    // Tera 1 built-ins that Tera 2 leaves to tera-contrib or the application.
    t2.register_filter("date", |v: tera2::Value, _: tera2::Kwargs, _: &tera2::State| v);
    t2.register_filter("slugify", |v: tera2::Value, _: tera2::Kwargs, _: &tera2::State| v);
    t2.register_filter("trim_end_matches", |v: tera2::Value, _: tera2::Kwargs, _: &tera2::State| v);
    if let Err(e) = t2.add_raw_templates(templates(&dir)) {
        eprintln!("Tera 2 does not parse the theme:\n{e}");
        std::process::exit(1);
    }

    let start = Instant::now();
    for _ in 0..n {
        let c = tera1::Context::from_value(ctx.clone()).unwrap();
        std::hint::black_box(t1.render("page.html", &c).unwrap());
    }
    let t1_all = start.elapsed();
    let c1 = tera1::Context::from_value(ctx.clone()).unwrap();
    let start = Instant::now();
    for _ in 0..n {
        std::hint::black_box(t1.render("page.html", &c1).unwrap());
    }
    let t1_render = start.elapsed();

    let start = Instant::now();
    for _ in 0..n {
        let c = tera2::Context::from_serialize(&ctx).unwrap();
        std::hint::black_box(t2.render("page.html", &c).unwrap());
    }
    let t2_all = start.elapsed();
    let c2 = tera2::Context::from_serialize(&ctx).unwrap();
    let start = Instant::now();
    for _ in 0..n {
        std::hint::black_box(t2.render("page.html", &c2).unwrap());
    }
    let t2_render = start.elapsed();

    let html1 = t1.render("page.html", &c1).unwrap();
    let html2 = t2.render("page.html", &c2).unwrap();
    if let Some(out) = out {
        std::fs::write(out.join("tera1.html"), &html1).unwrap();
        std::fs::write(out.join("tera2.html"), &html2).unwrap();
    }
    println!("{n} renders of page.html, context {} bytes of JSON", ctx.to_string().len());
    println!("| engine | context + render | render only | output bytes |");
    println!("| --- | --- | --- | --- |");
    println!("| Tera 1.20 | {} | {} | {} |", per_page(t1_all, n), per_page(t1_render, n), html1.len());
    println!("| Tera 2.4 (fast) | {} | {} | {} |", per_page(t2_all, n), per_page(t2_render, n), html2.len());
}
