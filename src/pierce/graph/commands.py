"""CLI: ``pierce trace``, ``pierce graph`` and ``pierce resolve``."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.tree import Tree

from pierce.terminal import StoreOption, console, fail, parse_date

STATUS_STYLE = {
    "listed": "bold red",
    "definite": "bold red",
    "captured": "bold red",
    "possible": "yellow",
    "indeterminate": "yellow",
    "linked": "magenta",
    "clear": "green",
    "not_applicable": "cyan",
    "suspended": "cyan",
    "not_in_force": "dim",
}


def _open(path: Path | None) -> Any:
    from pierce.store import Store, StoreError

    try:
        return Store.open(path, read_only=True)
    except StoreError as error:
        raise fail(str(error)) from None


def _styled(status: str) -> str:
    return f"[{STATUS_STYLE.get(status, 'white')}]{status}[/]"


def step_text(step: dict[str, Any]) -> str:
    parts = [
        f"{step.get('from_name', step['from'])} [bold]{step['relation']}[/] "
        f"{step.get('to_name', step['to'])}"
    ]
    extra = [str(step[k]) for k in ("share", "role") if step.get(k) and step.get(k) != "parent"]
    if step.get("date") or step.get("end"):
        extra.append(f"{step.get('date') or '…'}–{step.get('end') or ''}")
    if step.get("source"):
        extra.append(f"source {step['source']}")
    if step.get("reason"):
        extra.append(str(step["reason"]))
    if extra:
        parts.append(f"[dim]({'; '.join(extra)})[/]")
    return " ".join(parts)


def _add_path(tree: Tree, path: list[dict[str, Any]]) -> None:
    node = tree
    for step in path:
        node = node.add(step_text(step), highlight=False)


def render_tree(result: dict[str, Any]) -> Tree:
    entity = result["entity"]
    tree = Tree(
        f"[bold]{entity['name']}[/] ({entity['schema']} {entity['id']}) as of {result['as_of']}: "
        f"verdict {_styled(result['verdict'])}",
        highlight=False,
    )
    if len(result.get("cluster", [])) > 1:
        branch = tree.add("same party (entity resolution)")
        for merge in result.get("merges", []):
            branch.add(f"{merge['a']} = {merge['b']}: {merge['reason']}", highlight=False)
    if result.get("listings"):
        branch = tree.add("[bold red]listed[/]")
        for item in result["listings"]:
            branch.add(
                f"{item['program'] or item['program_id']} {item['authority_id'] or ''} "
                f"since {item['start'] or '?'} ({item['source']})",
                highlight=False,
            )
    if result.get("rules"):
        branch = tree.add("rules")
        for rule_id, rule in result["rules"].items():
            share = rule.get("share")
            share_text = f" share {share['lo']:g}–{share['hi']:g}%" if share else ""
            would = f" (would be {rule['would_be']})" if rule.get("would_be") else ""
            node = branch.add(
                f"{rule_id}: {_styled(rule['status'])}{would}{share_text}"
                + (f" [dim]{rule['reason']}[/]" if rule.get("reason") else ""),
                highlight=False,
            )
            for item in rule.get("contributors", []):
                node.add(
                    f"owner {item['name']} ({item['owner_status']}) {item['share']}",
                    highlight=False,
                )
            if rule.get("licence"):
                node.add(
                    f"licence: {rule['licence']['policy']}; {rule['licence']['provisions']}",
                    highlight=False,
                )
            if rule.get("path"):
                _add_path(node.add("path"), rule["path"])
    if result.get("red_flags"):
        branch = tree.add("[magenta]red flags[/]")
        for flag in result["red_flags"]:
            node = branch.add(
                f"{flag['kind']} ({flag['score']:.2f}): {flag['explanation']}", highlight=False
            )
            _add_path(node, flag["path"])
    if result.get("equivalents"):
        branch = tree.add("equivalent products")
        for item in result["equivalents"]:
            branch.add(f"{item['name']} ({item['score']:.2f}): {item['reason']}", highlight=False)
    if result.get("linked"):
        _add_path(tree.add("nearest listed party"), result["linked"]["path"])
    return tree


def register(app: typer.Typer) -> None:
    @app.command()
    def trace(
        query: Annotated[str, typer.Argument(help="Entity id, name, or product model.")],
        as_of: Annotated[
            str | None, typer.Option("--as-of", help="Date (YYYY-MM-DD) [today].")
        ] = None,
        rules: Annotated[
            str | None, typer.Option(help="Comma-separated rule ids [ofac50,bis-affiliates,eu,uk].")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the JSON object.")] = False,
        hops: Annotated[int, typer.Option(help="Steps followed beyond owners and renames.")] = 2,
        store: StoreOption = None,
    ) -> None:
        """Trace a party or product to listed parties: rules, red flags and the path."""
        from pierce.graph.trace import TraceError
        from pierce.graph.trace import trace as run
        from pierce.rules import RuleError

        when = parse_date(as_of, "--as-of")
        rule_ids = [r.strip() for r in rules.split(",") if r.strip()] if rules else None
        db = _open(store)
        try:
            result = run(db, query, when, rule_ids, hops=hops)
        except (TraceError, RuleError, ValueError) as error:
            raise fail(str(error)) from None
        finally:
            db.close()
        if as_json:
            console.print_json(json.dumps(result, ensure_ascii=False, default=str))
        else:
            console.print(render_tree(result))

    @app.command()
    def graph(
        entity: Annotated[str, typer.Argument(help="Entity id, name, or product model.")],
        output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")],
        as_of: Annotated[
            str | None, typer.Option("--as-of", help="Date (YYYY-MM-DD) [today].")
        ] = None,
        hops: Annotated[int, typer.Option(help="Steps followed beyond owners and renames.")] = 2,
        store: StoreOption = None,
    ) -> None:
        """Write a self-contained interactive HTML graph of an entity's neighbourhood."""
        from pierce.graph.html import render
        from pierce.graph.trace import TraceError, neighbourhood

        when = parse_date(as_of, "--as-of") or date.today()
        db = _open(store)
        try:
            loaded, focus = neighbourhood(db, entity, hops=hops)
        except (TraceError, ValueError) as error:
            raise fail(str(error)) from None
        finally:
            db.close()
        page = render(loaded, focus, when)
        # Write beside the target and rename: never a half-written file.
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=output.parent, suffix=".html.tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(page)
            os.replace(tmp, output)
        except OSError as error:
            raise fail(f"{output}: cannot write: {error}") from None
        console.print(
            f"wrote {output} ({len(loaded.entities)} entities, {len(loaded.links)} links)"
        )

    resolve = typer.Typer(
        help="Review entity resolution: merge or split records by hand.", no_args_is_help=True
    )
    app.add_typer(resolve, name="resolve")

    def _judgements(store: Path | None) -> Any:
        from pierce.graph.resolve import Judgements
        from pierce.store.store import default_path

        path = store or default_path()
        try:
            return Judgements.for_store(Path(path))
        except ValueError as error:
            raise fail(str(error)) from None

    def _judge(kind: str, a: str, b: str, note: str, store: Path | None, done: str) -> None:
        judgements = _judgements(store)
        judgements.add(kind, a, b, note)
        judgements.save()
        console.print(f"{done} (in {judgements.path})", highlight=False)

    @resolve.command("merge")
    def merge(
        a: Annotated[str, typer.Argument(help="Entity id.")],
        b: Annotated[str, typer.Argument(help="Entity id of the same party.")],
        note: Annotated[str, typer.Option(help="Why (kept with the judgement).")] = "",
        store: StoreOption = None,
    ) -> None:
        """Record that two records are the same party (survives re-ingests)."""
        _judge("merge", a, b, note, store, f"merged {a} and {b}")

    @resolve.command("split")
    def split(
        a: Annotated[str, typer.Argument(help="Entity id.")],
        b: Annotated[str, typer.Argument(help="Entity id of a different party.")],
        note: Annotated[str, typer.Option(help="Why (kept with the judgement).")] = "",
        store: StoreOption = None,
    ) -> None:
        """Record that two records are different parties: never merged automatically again."""
        _judge("split", a, b, note, store, f"split {a} from {b}")

    @resolve.command("show")
    def show(
        entity: Annotated[str, typer.Argument(help="Entity id, name, or product model.")],
        as_json: Annotated[bool, typer.Option("--json")] = False,
        store: StoreOption = None,
    ) -> None:
        """The records taken as one party with this entity, and why."""
        from pierce.graph.trace import TraceError, neighbourhood

        db = _open(store)
        try:
            loaded, focus = neighbourhood(db, entity)
        except (TraceError, ValueError) as error:
            raise fail(str(error)) from None
        finally:
            db.close()
        members = loaded.members(focus)
        reasons = [m.to_dict() for m in loaded.clusters.reasons(focus)]
        if as_json:
            console.print_json(json.dumps({"members": members, "merges": reasons}))
            return
        tree = Tree(f"[bold]{loaded.name(focus)}[/] ({len(members)} records)", highlight=False)
        for member in members:
            tree.add(f"{member}: {loaded.name(member)}", highlight=False)
        for item in reasons:
            tree.add(f"[dim]{item['a']} = {item['b']}: {item['reason']}[/]", highlight=False)
        console.print(tree)
