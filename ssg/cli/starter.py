"""The files `ssg init` writes: a hub with nothing of the demo, worded for the given brand.

Texts use `{{brand}}`-style tokens replaced by `fill`, so braces in YAML and
Markdown need no escaping. Every value put into YAML is JSON-quoted (a JSON
string is a valid YAML double-quoted scalar), so a brand named "A: B" or
"O'Neill" still gives valid files.
"""

from __future__ import annotations

SITE_YAML = """\
# site.yaml: the settings of the {{brand}} community hub.
# Unknown keys are errors (with a "did you mean"), so a typo never passes silently.
# Every key is explained in the ssg README; `ssg build` checks this file first.

# Identity: shown in page titles, the header, feeds and the footer.
title: {{title_json}}
description: {{description_json}}
brand: {{brand_json}}

# Where the site is published: an absolute URL (a sub-path like /hub/ is fine).
base_url: {{base_url_json}}

# Language of the content (a BCP 47 code) and the time zone post dates are read in.
language: {{language}}
timezone: {{timezone}}

theme: default
posts_per_page: 10
permalink: /posts/{slug}/

# Links in the header, in order. Site paths start with '/'.
nav:
  - {title: Posts, url: /}
  - {title: Communities, url: /communities/}
  - {title: Tags, url: /tags/}
  - {title: About, url: /about/}
  - {title: Contribute, url: /contribute/}
  - {title: Code of conduct, url: /code-of-conduct/}

feeds: {formats: [atom, rss, json], limit: 20, per_tag: true}
communities: {show_archived: true}

# Posting rhythm the build checks. Until the first post is published this is a
# warning; after that, going longer than max_gap without a post fails the build.
cadence:
  max_gap: 14d
  warn_within: 3d
  # min_posts: {count: 4, window: 30d}
  # tags:
  #   events: {max_gap: 45d}
  communities:
    review_every: 180d
  # public_page: false     # hide the /cadence/ page and its footer link (the check still runs)

# Your look, without editing templates. Accent colours must keep WCAG AA contrast
# (4.5:1) against the theme's backgrounds; the build says which colour fails and why.
# theme_options:
#   accent: {light: "#0a5cad", dark: "#7cb6f6"}   # quote colours: '#' starts a comment
#   logo: static/logo.svg                          # a file you add under static/
#   labels:
#     latest_posts: "News from the team"
#     communities_heading: "Where {{brand_plain}} fans meet"
#   footer:
#     built_with: false
#     lines: ["{{brand_plain}} · Made with care"]
# extra_css: [static/css/brand.css]               # loaded after the theme's stylesheet

# Outside origins a page may load from (a video host, say); none by default, so
# readers' browsers contact nobody but this site.
# privacy:
#   allow_origins: [https://video.example.org]

extra: {}
"""

ABOUT = """\
---
title: {{about_title_json}}
summary: {{about_summary_json}}
---
This hub is where the {{brand}} team posts news, guides and events, and where we point
to the communities where people who use {{brand}} products already help each other.

## What you will find here

- **Posts** from the {{brand}} team, each with a date, so you can tell what is current.
- **Communities**: forums, chats and groups, most of them run by fans. Each entry says
  honestly who runs it; the ones run by fans are independent of {{brand}}.
- **Feeds** (Atom, RSS and JSON Feed) for every post, and one for each tag.

## Your privacy

This site sets no cookies, tracks no one and makes your browser contact no other site.

## Taking part

Anyone can propose a post, a correction or a community: see
[how to contribute](contribute.md). Everyone taking part follows the
[code of conduct](code-of-conduct.md).
"""

CONTRIBUTE = """\
---
title: Contribute a post or a community
summary: {{contribute_summary_json}}
---
This hub is a folder of plain text files in a git repository. Anyone can propose a
change with a pull request: a guide, a correction, or a community people who use
{{brand}} products should know about. You don't need to be a programmer.

## Add a community

Each community is one file in `content/communities/`. Create it with:

```sh
ssg new community https://forum.example.org/ --name "Their name" --platform forum --run-by fans
```

Say honestly who runs it with `--run-by`: `fans`, `partner` or `brand`. Then write
the summary and the description in your own words, and set `reviewed:` to the day
you checked the link. The build refuses the file until all three are done.

## Propose a post

```sh
ssg new post "What I learned this season"
```

This writes a draft in `content/posts/`. Replace the placeholder summary and text,
then remove the line `draft: true` to publish it.

## What happens to your pull request

Every pull request is built automatically; a problem in a file is shown on the line
where it is, with what is expected. Someone from the {{brand}} team reads every
contribution before it goes live.
"""

CONDUCT = """\
---
title: Code of conduct
summary: {{conduct_summary_json}}
---
This code covers the spaces the {{brand}} team runs: this hub and its repository.
The communities we link to have their own rules and their own moderators.

## What we ask

- **Be patient with beginners.** Everyone was new once.
- **Critique the work, not the person.**
- **Be honest about safety.** If advice could hurt someone, say so and explain why.
- **Credit people.** Link to the work you build on.
- **Respect privacy.** Don't post other people's personal details.

## What isn't acceptable

Harassment, insults, discrimination of any kind, threats, deliberately misleading
advice, and spam, including undisclosed advertising. This applies to the {{brand}}
team as much as to anyone else.

## If something goes wrong

{{report}} We keep reports confidential and tell the person who reported what we did.
"""

WELCOME = """\
---
title: {{welcome_title_json}}
date: {{today}} 09:00
summary: {{welcome_summary_json}}
tags: [news]
draft: true   # remove this line to publish the post
---

This is the new home of the {{brand}} community. The team posts news, guides and
events here, and the [communities page](/communities/) lists the places where people
already talk about {{brand}}, each one labelled with who runs it.

Know a place we should list, or want to write a guide? [Here is how](../pages/contribute.md).
"""

COMMUNITIES_README = """\
One file per community goes in this folder, named <slug>.md (lower-case letters,
digits and hyphens). Files that do not end in .md, like this one, are not read.

The quickest way to add one:

    ssg new community https://forum.example.org/ --name "Their name" --platform forum --run-by fans

Platforms (any case): {{platforms}}.

A finished file looks like this (everything from the first --- on):

---
name: "Paddlers Forum"
url: "https://forum.example.org/"
platform: forum
summary: "Route reports, gear swaps and help for people new to the sport."
run_by: fans          # fans, partner or brand: say honestly who runs it
reviewed: 2026-01-31  # the day a person checked the link and this text
segments: [beginners]
# language: en       # defaults to the site language
# region: Europe
# feed: https://forum.example.org/feed.xml
---

Who the place suits, what happens there and how to take part, in 60 to 150 words.
"""

GITIGNORE = """\
public/
.public.*/
.ssg-cache/
.venv/
__pycache__/
"""

WORKFLOW = """\
# Build the hub on every pull request and push, and once a day, so scheduled posts
# go live on their date and a publishing lapse is caught on the day it happens.
# Problems show up as annotations on the pull request, at the file and line.
name: hub

on:
  pull_request:
  push:
    branches: [main]
  schedule:
    - cron: "17 5 * * *"   # daily, 05:17 UTC
  workflow_dispatch:

permissions:
  contents: read

env:
  # Where your team installs ssg from: a git URL with a tag, e.g. git+https://github.com/ORG/ssg@v1
  SSG_PACKAGE: ${{ vars.SSG_PACKAGE }}

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Keep the build cache between runs (.ssg-cache/)
        uses: actions/cache@v4
        with:
          path: .ssg-cache
          key: ssg-cache-${{ github.run_id }}
          restore-keys: ssg-cache-
      - run: python -m pip install "$SSG_PACKAGE"
      - name: Build the hub (fails when publishing lapses)
        run: ssg build --format github
      - name: Upload the site, also when only the cadence lint failed
        if: ${{ !cancelled() && hashFiles('public/index.html') != '' }}
        uses: actions/upload-pages-artifact@v3
        with:
          path: public

  # Publishes to GitHub Pages on pushes to main and on the daily run. Delete this
  # job when the site is hosted elsewhere (see the README for other hosts).
  deploy:
    needs: build
    if: >-
      ${{ !cancelled() && github.event_name != 'pull_request' && github.ref == 'refs/heads/main' }}
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v4
"""


def fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace("{{" + key + "}}", value)
    return template
