//! The `plein` command: parses arguments, runs a stage, formats its diagnostics and picks the
//! exit code (0 success, 1 content or build errors, 2 usage errors).

use clap::{Args, Parser, Subcommand};
use plein::build::{self, BuildOptions, BuildReport, Mode, Reuse};
use plein::content::Drafts;
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "Examples:
  plein init mysite                   a new Dutch and English site in mysite/
  plein init mysite --editions nl,en,eenvoudig --plain eenvoudig=nl --base-url https://example.org/
  plein build                         build the site in this folder into public/
  plein build --root site --out dist  build another folder's site into dist/
  plein build --base-url https://example.org/akkoord/
  plein check                         validate everything, links and readability too, write nothing
  plein status                        what each translation still needs (--format json, --strict)
  plein status --mark-current content/en/opgaven/wonen.md
  plein serve --port 1111             live-reloading preview on http://127.0.0.1:1111/
  plein serve --bind 0.0.0.0          the same, reachable from a phone in the same network
  plein theme eject themes/mine       copy the built-in theme out to change it (then `theme: mine`)";

#[derive(Parser)]
#[command(name = "plein", version, about = "Builds accessible, multilingual static websites from markdown", after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds).
    Build(BuildArgs),
    /// Check everything a build checks, plus links, anchors and readability; writes nothing.
    Check(CommonArgs),
    /// Show what each edition still needs: pages, messages, commitments, progress texts.
    Status(StatusArgs),
    /// Serve the site (on 127.0.0.1, or --bind ADDR), rebuild on every change and reload open tabs.
    Serve(ServeArgs),
    /// Write a new site into DIR that builds as it is (Dutch and English unless --editions says).
    Init(InitArgs),
    /// Work with the built-in theme.
    #[command(subcommand)]
    Theme(ThemeCommand),
}

#[derive(Args, Clone)]
struct InitArgs {
    /// The folder for the new site (created if missing; must be empty unless --force).
    dir: PathBuf,
    /// Edition codes, comma-separated, the default edition first (at the site's root; the others
    /// under /CODE/, falling back to it). A code is also the language tag unless given as
    /// CODE=LANG, like `be=nl-BE`.
    #[arg(long, value_name = "CODES", default_value = "nl,en")]
    editions: Vec<String>,
    /// Plain-language editions: CODE=ORIGINAL, like `eenvoudig=nl` (CODE must be in --editions).
    #[arg(long, value_name = "CODE=ORIGINAL")]
    plain: Vec<String>,
    /// The address the site will have.
    #[arg(long, default_value = "https://example.org/")]
    base_url: String,
    /// Write into a folder that is not empty; a file plein init would write must not exist yet.
    #[arg(long)]
    force: bool,
}

#[derive(Subcommand)]
enum ThemeCommand {
    /// Copy the built-in theme (templates, static files, strings, manifest) into DIR, to change
    /// more than a few files; select it with `theme: <name>` when DIR is themes/<name>.
    Eject {
        /// Where to copy it (must not hold any of the theme's files yet).
        #[arg(default_value = "themes/default")]
        dir: PathBuf,
    },
}

#[derive(Args, Clone)]
struct ServeArgs {
    /// The site's folder (with site.yaml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Address to listen on: 127.0.0.1 (this computer only), or this computer's address in
    /// the network (or 0.0.0.0) to preview on a phone.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Port (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

#[derive(Args, Clone)]
struct StatusArgs {
    /// The site's folder (with site.yaml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Exit with 1 when any edition has a gap.
    #[arg(long)]
    strict: bool,
    /// Record that a translated page is current with its original (writes `source_hash`).
    #[arg(long, value_name = "PATH", num_args = 1..)]
    mark_current: Vec<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Table,
    Json,
}

#[derive(Args, Clone)]
struct CommonArgs {
    /// The site's folder (with site.yaml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Override base_url from site.yaml.
    #[arg(long)]
    base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Print only errors and warnings.
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Print per-stage timings.
    #[arg(long, short)]
    verbose: bool,
}

#[derive(Args, Clone)]
struct BuildArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Output folder (default: public/ in the site's folder).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Do not write .br and .gz files.
    #[arg(long)]
    no_compress: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => run_build(&args.common, args.out, !args.no_compress, Mode::Build),
        Command::Check(args) => run_build(&args, None, false, Mode::Check),
        Command::Status(args) => run_status(&args),
        Command::Init(args) => {
            let options = plein::init::InitOptions {
                dir: args.dir.clone(),
                editions: args.editions,
                plain: args.plain,
                base_url: Some(args.base_url),
                force: args.force,
            };
            match plein::init::run(&options) {
                Ok(written) => {
                    for code in &written.to_translate {
                        println!(
                            "note: edition `{code}` starts with English texts (content/{code}/, locales/{code}/main.ftl) in pages that say they are in its language: translate them before publishing"
                        );
                    }
                    println!("Wrote a new site into {} ({} files). Next:", args.dir.display(), written.files.len());
                    println!("  cd {} && plein serve", args.dir.display());
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Theme(ThemeCommand::Eject { dir }) => match plein::theme::eject(&dir) {
            Ok(files) => {
                println!("Copied the built-in theme into {} ({} files).", dir.display(), files.len());
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
        Command::Serve(args) => {
            let options = plein::serve::ServeOptions {
                root: args.root,
                bind: args.bind,
                port: args.port,
                drafts: if args.drafts { Drafts::Include } else { Drafts::Exclude },
            };
            match plein::serve::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

fn run_status(args: &StatusArgs) -> ExitCode {
    let diagnostics = plein::diagnostics::Diagnostics::new();
    let site = build::load_site(&args.root, None, Drafts::Exclude, &diagnostics, None);
    let errors: Vec<_> = diagnostics.into_sorted().into_iter().map(|d| d.relative_to(&args.root)).collect();
    for d in &errors {
        eprintln!("{}", d.with_source(&args.root));
    }
    let Some(site) = site else { return ExitCode::from(1) };
    if errors.iter().any(|d| d.is_error()) {
        return ExitCode::from(1);
    }
    if !args.mark_current.is_empty() {
        let mut failed = false;
        for path in &args.mark_current {
            let files: Vec<PathBuf> = if path.is_dir() {
                walkdir::WalkDir::new(path)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_map(Result::ok)
                    .map(|e| e.into_path())
                    .filter(|p| p.extension().is_some_and(|x| x == "md"))
                    .collect()
            } else {
                vec![path.clone()]
            };
            for file in files {
                match plein::status::mark_current(&site, &file) {
                    Ok(_) => println!("marked current: {}", file.display()),
                    Err(d) => {
                        eprintln!("{d}");
                        failed = true;
                    }
                }
            }
        }
        return if failed { ExitCode::from(1) } else { ExitCode::SUCCESS };
    }
    let report = plein::status::report(&site);
    match args.format {
        Format::Table => print!("{}", plein::status::format_table(&report)),
        Format::Json => println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default()),
    }
    if args.strict && report.has_gaps() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn run_build(common: &CommonArgs, out: Option<PathBuf>, precompress: bool, mode: Mode) -> ExitCode {
    let root = common.root.clone();
    // `public`, not `./public`, in messages about the default output of the current folder.
    let out = out.unwrap_or_else(|| if root == std::path::Path::new(".") { PathBuf::from("public") } else { root.join("public") });
    if mode == Mode::Build {
        if let Err(d) = plein::output::check_output_location(&root, &out, None) {
            eprintln!("{d}");
            return ExitCode::from(2);
        }
    }
    let options = BuildOptions {
        cache_dir: root.join(".plein-cache").join("compressed"),
        root,
        out,
        base_url: common.base_url.clone(),
        drafts: if common.drafts { Drafts::Include } else { Drafts::Exclude },
        mode,
        precompress,
        cache: None,
    };
    let report = build::run(&options);
    print_report(&report, common, mode);
    if report.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_report(report: &BuildReport, common: &CommonArgs, mode: Mode) {
    for d in &report.diagnostics {
        eprintln!("{}", d.with_source(&common.root));
    }
    if mode == Mode::Check && !report.readability.is_empty() && !common.quiet {
        println!("Readability of plain-language pages (words/sentence, LIX, Flesch-Douma; original in brackets):");
        for row in &report.readability {
            let s = &row.scores;
            let o = row.original.map(|o| format!("({:.1}, {:.1}, {:.1})", o.words_per_sentence, o.lix, o.flesch_douma)).unwrap_or_default();
            let mark = if row.within_limits { "ok" } else { "ABOVE LIMITS" };
            println!(
                "  {:<10} {:<32} {:>5.1} {:>5.1} {:>5.1}  {o}  {mark}",
                row.edition, row.key, s.words_per_sentence, s.lix, s.flesch_douma
            );
        }
    }
    if mode == Mode::Check && !common.quiet && !report.site_text.is_empty() {
        println!("Site text (the site's own words, marked for readers) per page:");
        for row in &report.site_text {
            println!("  {:<10} {:<32} {}", row.edition, row.key, row.items.join(", "));
        }
    }
    if common.quiet {
        return;
    }
    let pages: Vec<String> = report
        .pages
        .iter()
        .map(|e| {
            if e.fallback > 0 {
                format!("{} {} (+{} fallback)", e.edition, e.own, e.fallback)
            } else {
                format!("{} {}", e.edition, e.own)
            }
        })
        .collect();
    let verb = match (mode, report.errors()) {
        (Mode::Check, 0) => "Checked",
        (Mode::Build, 0) => "Built",
        _ => "Failed",
    };
    // A site that did not load (site.yaml broken) has no pages to count.
    let pages = if pages.is_empty() { String::new() } else { format!("pages {}; ", pages.join(", ")) };
    println!(
        "{verb}: {pages}{} error(s), {} warning(s) in {:.2}s{}",
        report.errors(),
        report.warnings(),
        report.total.as_secs_f64(),
        if mode == Mode::Build && report.errors() > 0 { " — the previous output was left untouched" } else { "" }
    );
    if common.verbose {
        for stage in &report.stages {
            println!("  {:<10} {:>8.1} ms", stage.name, stage.time.as_secs_f64() * 1000.0);
        }
        if report.job_times.iter().any(|t| !t.time.is_zero()) {
            println!("  in the page jobs (CPU time, all threads together):");
            for part in &report.job_times {
                println!("    {:<10} {:>8.1} ms", part.name, part.time.as_secs_f64() * 1000.0);
            }
        }
        if report.pages_rendered != Reuse::default() {
            println!("  pages: {} rendered, {} kept from the previous build", report.pages_rendered.done, report.pages_rendered.reused);
        }
        if report.compressed != Reuse::default() {
            println!("  compressed {} file(s), {} from cache", report.compressed.done, report.compressed.reused);
        }
    }
}

// Rendering allocates many small strings and JSON values across threads; mimalloc handles that
// load markedly better than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
