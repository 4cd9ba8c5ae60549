//! The publishing recipes of `docs/publishing.md`, embedded from
//! `docs/recipes/`: `cairn init --ci` writes them, and the tests parse them
//! and run the cairn commands they hold, so a recipe cannot drift from the
//! CLI.

/// How a recipe's file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Yaml,
    Toml,
    Shell,
}

/// One hosting service's recipe.
pub struct Recipe {
    /// The name `cairn init --ci` takes, when it writes this one.
    pub ci: Option<&'static str>,
    /// The service.
    pub service: &'static str,
    /// Its file in cairn's repository, under `docs/recipes/`.
    pub source: &'static str,
    /// Where it goes in a portal (relative to the portal folder).
    pub target: &'static str,
    pub syntax: Syntax,
    /// The file's text.
    pub text: &'static str,
    /// The folder it publishes, as the recipe names it.
    pub publishes: &'static str,
}

/// Every recipe, in the guide's order.
pub static RECIPES: &[Recipe] = &[
    Recipe {
        ci: Some("github"),
        service: "GitHub Pages",
        source: "github-pages.yml",
        target: ".github/workflows/publish.yml",
        syntax: Syntax::Yaml,
        text: include_str!("../docs/recipes/github-pages.yml"),
        publishes: "public",
    },
    Recipe {
        ci: Some("gitlab"),
        service: "GitLab Pages",
        source: "gitlab-ci.yml",
        target: ".gitlab-ci.yml",
        syntax: Syntax::Yaml,
        text: include_str!("../docs/recipes/gitlab-ci.yml"),
        publishes: "public",
    },
    Recipe {
        ci: None,
        service: "Netlify",
        source: "netlify.toml",
        target: "netlify.toml",
        syntax: Syntax::Toml,
        text: include_str!("../docs/recipes/netlify.toml"),
        publishes: "public",
    },
    Recipe {
        ci: None,
        service: "an S3-compatible bucket",
        source: "s3.sh",
        target: "publish-s3.sh",
        syntax: Syntax::Shell,
        text: include_str!("../docs/recipes/s3.sh"),
        publishes: "public",
    },
    Recipe {
        ci: None,
        service: "any web server, with rsync",
        source: "rsync.sh",
        target: "publish-rsync.sh",
        syntax: Syntax::Shell,
        text: include_str!("../docs/recipes/rsync.sh"),
        publishes: "public",
    },
];

/// The recipe `cairn init --ci NAME` writes.
pub fn for_ci(name: &str) -> Option<&'static Recipe> {
    RECIPES.iter().find(|r| r.ci == Some(name))
}
