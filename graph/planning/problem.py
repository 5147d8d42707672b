"""One planning problem: the steps in force on a date, adjusted for a profile (what it holds,
its years of experience, its state's rules, the time windows of its dated milestones), and
what can be reached from it.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field, replace

from ..records import record
from .holdings import Holdings, Profile, Satisfaction, add_months, check_dates, holdings, months_between
from .projection import Condition, PracticeRule, Projection, StepInfo

__all__ = [
    "METRICS",
    "ORDER",
    "Profile",
    "Satisfaction",
    "window_problem",
    "commitment_of",
    "Problem",
    "build_problem",
    "counts_as_closure",
    "state_rules",
    "reach_from",
    "unmet_requirements",
    "relevant_steps",
    "today_of",
    "window_ok",
]

METRICS = ("steps", "months", "cost")
ORDER = {
    "months": ("months", "cost", "steps"),
    "cost": ("cost", "months", "steps"),
    "steps": ("steps", "months", "cost"),
}


def _in_force(step: StepInfo, projection: Projection, as_of: datetime.date | None) -> tuple[bool, str | None]:
    """Whether ``step`` is in force on ``as_of`` (None: the current rules), and why it may not be.

    A rule with a known start or end (``valid_from``, ``valid_until``) holds only between them; a
    newer rule that supersedes it ends it from the newer rule's start. Where the data knows only
    when sources show a rule in force (``evidenced_from`` of the newer, ``evidenced_until`` of the
    older), the change date is unknown: before the older rule's last evidence only it holds, from
    the newer rule's first evidence only the newer, and between them both are offered, each with
    a note saying it may not be in force on that date. No change date is invented.
    """
    if as_of is None:  # the current rules: nothing superseded, nothing ended or not yet begun
        if step.valid_until is None and step.valid_from is None:
            return (not step.superseded_by, None)
        today = datetime.date.today()
        ended = step.valid_until is not None and step.valid_until < today
        begun = step.valid_from is None or step.valid_from <= today
        return (not step.superseded_by and not ended and begun, None)
    if step.valid_from is not None and step.valid_from > as_of:
        return (False, None)
    if step.valid_until is not None and step.valid_until < as_of:
        return (False, None)
    notes = []
    for newer in sorted(step.superseded_by):
        info = projection.steps.get(newer)
        if info is None:
            continue
        start = info.valid_from or info.evidenced_from
        if start is None or start <= as_of:
            return (False, None)  # an undated successor replaces it at any date, as before
        if info.valid_from is None and (step.evidenced_until is None or step.evidenced_until < as_of):
            notes.append(
                f"may have been replaced by {as_of.isoformat()}: the newer rule ({info.label}) is shown in force "
                f"from {info.evidenced_from.isoformat()}, and when it began is unknown"  # type: ignore[union-attr]
            )
    if step.valid_from is None and step.evidenced_from is not None and step.evidenced_from > as_of:
        older = [o for o in projection.steps.values() if step.id in o.superseded_by]
        if any(o.evidenced_until is not None and o.evidenced_until >= as_of for o in older):
            return (False, None)  # the rule it replaced is shown in force on that date
        if any(o.evidenced_until is None and o.valid_until is None for o in older):
            return (False, None)  # nothing bounds the older rule: keep it, not this one
        notes.append(
            f"may not yet be in force on {as_of.isoformat()}: the earliest source showing it is from "
            f"{step.evidenced_from.isoformat()}, and when it began is unknown"
        )
    return (True, "; ".join(notes) or None)


@record(frozen=False, hot=True)
class Problem:
    """One planning problem: the steps in force, adjusted for the profile."""

    projection: Projection
    steps: dict[str, StepInfo]
    achievers: dict[str, Sequence[str]]  # per milestone, the steps achieving it, by id
    start: frozenset[str]
    origin: dict[str, Satisfaction] = field(default_factory=dict)  # how the profile holds a milestone
    held: Holdings | None = None
    excluded: dict[str, str] = field(default_factory=dict)  # step -> why the profile cannot take it (a window)
    _closures: dict[str, frozenset[str]] = field(default_factory=dict)
    _reach_index: tuple | None = None
    shared: _Shared | None = field(default=None, repr=False, compare=False)  # the profile's (``build_problem``)
    _credits: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    def reach_index(self) -> tuple[dict[str, int], dict[str, list[str]]]:
        """For ``_reachable`` from ``start``: how many requirements each step lacks, and the
        steps (in order of id) needing each milestone not held, built once."""
        index = self._reach_index
        if index is None or index[0] is not self.start or index[1] is not self.steps:
            start, need, users = self.start, {}, {}
            for sid in sorted(self.steps):
                missing = self.steps[sid].requires - start
                need[sid] = len(missing)
                for m in missing:
                    users.setdefault(m, []).append(sid)
            index = self._reach_index = (start, self.steps, need, users)
        return index[2], index[3]

    def closure(self, held: Iterable[str]) -> frozenset[str]:
        """``held`` plus every group its members count as."""
        return counts_as_closure(self.projection, held)

    def credit_of(self, step: StepInfo) -> frozenset[str]:
        """What taking ``step`` holds for a route: ``closure_of`` its milestone, less what it needs."""
        found = self._credits.get(step.id)
        if found is None:
            found = self._credits[step.id] = self.closure_of(step.achieves) - step.requires
        return found

    def closure_of(self, milestone: str) -> frozenset[str]:
        """``closure({milestone})``, remembered."""
        found = self._closures.get(milestone)
        if found is None:
            found = self._closures[milestone] = counts_as_closure(self.projection, (milestone,))
        return found


def counts_as_closure(projection: Projection, held: Iterable[str]) -> frozenset[str]:
    out = set(held)
    todo = list(out)
    while todo:
        for group in projection.counts_as.get(todo.pop(), ()):
            if group not in out:
                out.add(group)
                todo.append(group)
    return frozenset(out)


def today_of(profile: Profile, today: datetime.date | None = None) -> datetime.date:
    return today or profile.as_of or datetime.date.today()


def window_ok(
    projection: Projection, profile: Profile, cond: Condition, today: datetime.date, implied: Iterable[str] = ()
) -> bool:
    """Whether the profile's dated milestones leave ``cond``'s time window open.

    The one date rule of ``route`` and ``eligible``: a condition with a window ("within the
    last 4 years") held only through dated milestones that all fall outside it is not met by
    them; an undated milestone counts as recent; a milestone reached by a step of the route is
    recent by construction; one only implied by another (a CMA's program) has no date, so it
    cannot show it is recent.
    """
    return window_problem(projection, profile, cond, today, implied) is None


def window_problem(
    projection: Projection, profile: Profile, cond: Condition, today: datetime.date, implied: Iterable[str] = ()
) -> str | None:
    """Why ``cond``'s time window is closed to the profile, in words, or None when it is open."""
    window = cond.window_months
    if window is None or cond.milestone is None:
        return None
    held = [(m, d) for m, d in profile.have.items() if cond.milestone in counts_as_closure(projection, {m})]
    if not held:
        if any(cond.milestone in counts_as_closure(projection, {m}) for m in implied):
            return f"{cond.label}: only implied by what you hold, so its date is unknown"
        return None
    if any(d is None for _, d in held):
        return None
    if any(months_between(d, today) <= window + 1e-9 for _, d in held if d is not None):
        return None
    m, d = max(held, key=lambda md: md[1])
    span = f"{window / 12:g} year" + ("" if window == 12 else "s") if window % 12 == 0 else f"{window:g} months"
    return (
        f'your {projection.label(m)} is dated {d.isoformat()}, and "{cond.label.rstrip(".")}" needs it within'
        f" {span}, on or after {add_months(today, -window).isoformat()}"
    )


def commitment_of(projection: Projection, step: StepInfo) -> str:
    """A step's time commitment: as the data says (``cp:timeCommitment``), else full time for a
    job (work steps), a job search ending in a hire (looking for work fills a person's days
    until they are hired; a job is not held idle), a program or a degree, and part time for the
    rest (an exam, a certification's application, a class, a membership)."""
    if step.commitment:
        return step.commitment
    if step.kind in ("work", "enrolled"):
        return "full-time"
    if step.kind == "step" and projection.kinds.get(step.achieves) in ("program", "education", "role"):
        return "full-time"
    return "part-time"


def _experience_steps(projection: Projection, held: Holdings, origin: dict[str, Satisfaction]) -> dict:
    """Experience already held: levels at or below it are held, and the next level's work step
    starts from the years the person has."""
    overrides: dict[str, StepInfo] = {}
    for role, (y, own) in held.years.items():
        for sid in projection.work_steps.get(role, ()):
            step = projection.steps[sid]
            level = step.from_years + (step.months or 0.0) / 12
            if level <= y + 1e-9:
                origin.setdefault(step.achieves, Satisfaction("experience", own, projection.label(own), y))
            elif step.from_years < y:
                overrides[sid] = replace(
                    step, requires=frozenset({step.role or role}), months=(level - y) * 12, from_years=y
                )
    return overrides


def _not_for(projection: Projection, profile: Profile, held: Holdings, origin: dict[str, Satisfaction]) -> set[str]:
    """Milestones not planned for this person: the apprenticeship of a role they already work in
    (being hired again as an apprentice), and for a person of school age, an adult's
    equivalency test instead of school."""
    working = set(held.years) | {m for m in origin if projection.kinds.get(m) == "role"}
    working = {r for w in working for r in (w, *projection.role_ancestors.get(w, ()))}
    out = {p for p, roles in projection.trains_for.items() if roles & working}
    return out | (_school_alternatives(projection) if profile.school_age else set())


def _school_alternatives(projection: Projection) -> set[str]:
    """What a school-age person does not take instead of school: the other members of the
    groups a school-age step's milestone belongs to (a GED or HiSET beside the diploma)."""
    out: set[str] = set()
    for step in projection.steps.values():
        if step.school_age:
            for group in projection.counts_as.get(step.achieves, ()):
                out |= set(projection.groups.get(group, ())) - {step.achieves}
    return out


def _enrolled_steps(projection: Projection, profile: Profile, today: datetime.date) -> dict[str, StepInfo]:
    """A program the person is enrolled in is finished by a step that ends on the expected date."""
    out = {}
    for program, when in profile.enrolled.items():
        left = max(months_between(today, when), 0.0)
        out[program + "#enrolled"] = StepInfo(
            id=program + "#enrolled",
            label=f"Finish {projection.label(program)} (you are enrolled; expected {when.isoformat()})",
            kind="enrolled",
            achieves=program,
            requires=frozenset(),
            months=round(left, 2),
            cost=0.0,
            cost_estimate=True,
            commitment="full-time",
            commitment_note="what is left of tuition you are already paying is not counted",
        )
    return out


def _apply_state_rules(projection: Projection, profile: Profile, overrides: dict[str, StepInfo]) -> None:
    """State practice rules: a step into a governed role (or a role that counts as it by a
    sourced equivalence) also needs the rule's milestone, such as Washington's credential."""
    for rule in state_rules(projection, profile.state, profile.as_of):
        for sid, step in projection.steps.items():
            if step.kind != "work" and rule.role in counts_as_closure(projection, {step.achieves}):
                base = overrides.get(sid) or step
                overrides[sid] = replace(base, requires=base.requires | {rule.milestone})


class _Shared:
    """What ``build_problem`` works out from the profile alone, whatever the target: its holdings,
    the steps its experience, state and enrolments change, and whether each step visited is in
    force for it (with why a time window closes it). ``options`` and ``eligible`` plan to every
    target for one profile: the last profile's is kept (``_last``), so they work it out once."""

    def __init__(self, projection: Projection, profile: Profile, today: datetime.date, windows: bool) -> None:
        check_dates(projection, profile, today)
        self.projection, self.profile, self.today, self.windows = projection, profile, today, windows
        self.key = _profile_key(profile)
        self.held = held = holdings(projection, profile, today)
        self.origin = origin = dict(held.origin)
        self.overrides = overrides = _experience_steps(projection, held, origin)
        _apply_state_rules(projection, profile, overrides)
        self.enrolled = _enrolled_steps(projection, profile, today)
        # A person finishing a program (or high school) is not offered to drop out for another member
        # of the same group (a GED instead of the diploma they will have in June).
        self.instead = {
            member
            for m in profile.enrolled
            for group in projection.counts_as.get(m, ())
            for member in projection.groups.get(group, ())
        } | set(profile.enrolled)
        self.not_for_you = _not_for(projection, profile, held, origin)
        self._blocked = self.instead | self.not_for_you  # a step achieving one of these: see ``step``
        self.here = projection.jurisdictions.get(profile.state.strip().upper()) if profile.state else None
        # Step id -> the step in force, or None; why a window closes it apart (no tuple per step to track).
        self._found: dict[str, StepInfo | None] = {}
        self._why: dict[str, str] = {}
        self.closures: dict[str, frozenset[str]] = {}  # shared by the problems (``Problem.closure_of``)
        # What the planner works out once for every target (``profile_tables.ProfileTables``), each entry
        # published whole once built, so a thread sees it complete or not at all.
        self.reuse: dict = {}
        self.plans = 0  # plans that asked for ``reuse`` before it held their tables
        self.enrolled_by: dict[str, list[str]] = {}
        for sid, info in self.enrolled.items():
            self.enrolled_by.setdefault(info.achieves, []).append(sid)
        self._ways: dict[str, tuple] = {}  # milestone -> ``ways``, whatever the target
        self._takes: dict[str, dict[str, StepInfo]] = {}
        self.start = counts_as_closure(projection, origin)  # held, with experience, and what it counts as

    def ways(self, m: str, target: str | None) -> tuple[dict[str, StepInfo], tuple[str, ...], tuple, tuple[str, ...]]:
        """The steps achieving ``m`` the profile can take on the way to ``target``, in the order
        ``build_problem`` visits them (id -> step) and their ids sorted, those a time window
        closes, with why, and what the steps taken require, one after the other. Kept per
        milestone but the target (a step on request is for the target alone): the steps in
        ``_takes``, the rest in ``_ways`` as tuples the cycle collector stops tracking."""
        found = self._ways.get(m) if m != target else None
        if found is not None:
            return (self._takes[m], *found)  # type: ignore[return-value]
        projection = self.projection
        sids = list(self.enrolled_by.get(m, ()))
        if m in projection.graph:
            sids += [sid for sid in projection.graph.predecessors(m) if sid in projection.steps]
        why: dict[str, str] = {}
        takes = self.take(sids, target, why)
        needs = tuple(r for step in takes.values() for r in step.requires)
        found = (tuple(sorted(takes)), tuple(why.items()), needs)
        if m != target:
            self._takes[m] = takes  # before the ways: a thread that finds these finds the steps
            self._ways[m] = found
        return (takes, *found)  # type: ignore[return-value]

    def fits(self, projection: Projection, profile: Profile, today: datetime.date, windows: bool) -> bool:
        """Whether this was worked out for the same projection, profile, date and windows."""
        return (
            self.projection is projection
            and self.today == today
            and self.windows == windows
            and (self.profile is profile or self.key == _profile_key(profile))
        )

    def take(self, sids: Iterable[str], target: str | None, excluded: dict[str, str]) -> dict[str, StepInfo]:
        """``step`` of each of ``sids``, those the profile can take by id in order: a step worked
        out already and taken by any way (most, once a target was planned) is read at once."""
        out, found, step, blocked = {}, self._found, self.step, self._blocked
        for sid in sids:
            s = found.get(sid)
            if s is not None and not s.on_request and s.achieves not in blocked:
                out[sid] = s  # (``step``'s in force, as it would say)
            elif (s := step(sid, target, excluded)) is not None:
                out[sid] = s
        return out

    def step(self, sid: str, target: str | None, excluded: dict[str, str]) -> StepInfo | None:
        """The step ``sid`` as the profile can take it on the way to ``target``, or None (with
        why in ``excluded`` when a time window closes it)."""
        step = self.enrolled.get(sid) or self.overrides.get(sid) or self.projection.steps[sid]
        if step.achieves in self.instead and sid not in self.enrolled:
            return None  # the person is finishing this program already
        if step.achieves in self.not_for_you:
            return None
        if step.on_request and step.achieves != target:
            return None  # an enlistment is planned only when asked for, never as a means
        found = self._found.get(sid, self)  # ``self``: not worked out yet
        if found is self:
            found, why = self._in_force(step)
            if why is not None:
                self._why[sid] = why  # before the step, which another thread may read
            self._found[sid] = found
        if found is None and sid in self._why:
            excluded[sid] = self._why[sid]
        return found  # type: ignore[return-value]

    def _in_force(self, step: StepInfo) -> tuple[StepInfo | None, str | None]:
        projection, profile = self.projection, self.profile
        if step.jurisdiction is not None and step.jurisdiction != self.here:
            return None, None  # a step one state's law makes (Washington's endorsed MA-R job) is taken only there
        if step.school_age and not profile.school_age:
            return None, None  # an adult takes another way (the route says what it assumed)
        if (own := projection.needs_itself(step)) is not None and own not in self.start:
            return None, None  # a recertification or a reinstatement, for one who never held it
        ok, note = _in_force(step, projection, profile.as_of)
        if not ok:
            return None, None
        if note is not None:
            step = replace(step, date_note=note)
        # A windowed condition held only through milestones dated outside the window cannot
        # be met: a held milestone is not reached again.
        if self.windows:
            for c in step.conditions:
                why = window_problem(projection, profile, c, self.today, self.held.implied)
                if why is not None:
                    return None, why
        if step.commitment is None:
            step = replace(step, commitment=commitment_of(projection, step))
        return step, None


def _profile_key(profile: Profile) -> tuple:
    return (
        tuple(profile.have.items()),
        tuple(profile.experience.items()),
        profile.as_of,
        profile.state,
        tuple(profile.enrolled.items()),
        profile.school_age,
    )


_last: list[_Shared] = []  # the last profile's _Shared (one, replaced as a whole)


def build_problem(
    projection: Projection,
    profile: Profile,
    target: str | None = None,
    today: datetime.date | None = None,
    *,
    windows: bool = True,
) -> Problem:
    """The steps in force that can matter for ``target`` (all, without one), adjusted for the profile.

    With ``windows``, a step whose windowed condition the profile holds only outside the
    window is left out, and why is kept in ``excluded`` (``eligible`` reports such conditions
    as missing instead). A step meant for school age is left out for an adult; a program the
    person is enrolled in is reached only by finishing it.

    Only the backward cone of the target is visited, so the cost does not grow with the
    size of the whole graph.
    """
    today = today_of(profile, today)
    shared = _last[0] if _last else None
    if shared is None or not shared.fits(projection, profile, today, windows):
        shared = _Shared(projection, profile, today, windows)
        _last[:] = [shared]
    excluded: dict[str, str] = {}
    steps: dict[str, StepInfo] = {}
    if target is None:
        steps = shared.take(itertools.chain(projection.steps, shared.enrolled), target, excluded)
        achievers: dict[str, Sequence[str]] = {}  # tuples, which the cycle collector stops tracking
        for sid in sorted(steps):
            m = steps[sid].achieves
            achievers[m] = (*achievers.get(m, ()), sid)
    else:
        achievers = {}  # the profile's tuples (``_Shared.ways``)
        kept, taking, groups = shared._ways, shared._takes, projection.groups
        seen, todo = set(), [target]
        while todo:
            m = todo.pop()
            if m in seen:
                continue
            seen.add(m)
            todo.extend(groups.get(m, ()))
            way = kept.get(m)
            if way is not None and m != target:
                takes, (ids, closed, needs) = taking[m], way
            else:
                takes, ids, closed, needs = shared.ways(m, target)
            for sid, why in closed:
                excluded[sid] = why
            if takes:  # each step is reached once, from the one milestone it achieves
                steps.update(takes)
                todo.extend(needs)
                achievers[m] = ids
    origin, closures = dict(shared.origin), shared.closures  # (what each counts as: whatever the target)
    problem = Problem(projection, steps, achievers, frozenset(), origin, shared.held, excluded, closures, None, shared)
    problem.start = shared.start
    return problem


def state_rules(
    projection: Projection, state: str | None, as_of: datetime.date | None = None, *, every: bool = False
) -> tuple[PracticeRule, ...]:
    """The practice rules of ``state`` (a two-letter code) in force on ``as_of`` (default today);
    with ``every``, also those no longer (or not yet) in force. Empty when none is known.

    Examples
    --------
    >>> from careerpath.graph.loading.rdf import load_graph
    >>> from careerpath.graph.planning.projection import project
    >>> p = project(load_graph())
    >>> [r.label for r in state_rules(p, "wa")][0]
    'In Washington, medical assistants need a DOH credential'
    >>> state_rules(p, "SD"), len(state_rules(p, "SD", datetime.date(2020, 1, 1)))
    ((), 1)
    """
    if not state:
        return ()
    jurisdiction = projection.jurisdictions.get(state.strip().upper())
    on = as_of or datetime.date.today()
    return tuple(r for r in projection.rules if r.jurisdiction == jurisdiction and (every or r.in_force(on)))


def reach_from(
    problem: Problem,
    start: frozenset[str],
    steps: Mapping[str, StepInfo] | None = None,
    supports: dict[str, int] | None = None,
    rank: dict[str, int] | None = None,
) -> set[str]:
    """Forward fixed point: every milestone reachable from ``start`` (with ``steps``, by default all).

    ``supports``, when given, receives the steps that reached a milestone first (without any
    other step, the same steps reach the same milestones), and ``rank`` when each milestone
    was reached (the same number for all a step reached; the profile's are -1)."""
    steps = problem.steps if steps is None else steps
    held = set(start)
    users: dict[str, list[str]]
    from_start = start is problem.start or start == problem.start
    if from_start and (steps is problem.steps or steps.keys() <= problem.steps.keys()):
        # Users in order of id, as ``steps`` is here (or the order does not matter: no ``supports``).
        need, users = problem.reach_index()
        waiting = dict(need) if steps is problem.steps else {sid: need[sid] for sid in steps}
    else:
        waiting, users = {}, {}
        for sid, s in steps.items():
            missing = s.requires - held
            waiting[sid] = len(missing)
            for m in missing:
                users.setdefault(m, []).append(sid)
    ready = [sid for sid, n in waiting.items() if not n]
    at = 0
    while at < len(ready):  # first come, first taken: what is reached early has a low rank
        sid = ready[at]
        at += 1
        added = problem.closure_of(steps[sid].achieves) - held
        if added and supports is not None:
            supports[sid] = len(supports)
            if rank is not None:
                rank.update(dict.fromkeys(added, supports[sid]))
        for new in added:
            held.add(new)
            for user in users.get(new, ()):
                n = waiting.get(user)
                if n is not None:
                    waiting[user] = n = n - 1
                    if not n:
                        ready.append(user)
    return held


def unmet_requirements(problem: Problem, target: str, reachable: set[str]) -> list[str]:
    """The deepest requirements on the way to ``target`` that nothing can meet."""
    out: list[str] = []
    seen: set[str] = set()

    def walk(m: str) -> None:
        if m in seen or m in reachable:
            return
        seen.add(m)
        options: list[list[str]] = [[member] for member in sorted(problem.projection.groups.get(m, ()))]
        options += [sorted(problem.steps[sid].requires - reachable) for sid in problem.achievers.get(m, ())]
        options = [o for o in options if o]
        if not options:
            out.append(m)
            return
        for req in min(options, key=len):
            walk(req)

    walk(target)
    return out or [target]


def relevant_steps(
    problem: Problem, target: str, reachable: set[str], after_out: set[str] | None = None
) -> dict[str, StepInfo]:
    """Steps that can matter for ``target``: they achieve something it needs, and can be taken.
    ``after_out``, when given, receives the group members left out because every way to them
    passes through the group (``profile_tables.ProfileTables.relevant`` walks the same way)."""
    usable = {sid: s for sid, s in problem.steps.items() if s.requires <= reachable and s.achieves not in problem.start}
    by_achieved: dict[str, list[str]] = {}
    for sid, s in usable.items():
        by_achieved.setdefault(s.achieves, []).append(sid)

    def after(member: str, group: str) -> bool:
        # Every way to the member passes through the group already (a podiatric medical
        # assistant needs to be a medical assistant first): the member cannot help reach it.
        ways = by_achieved.get(member, ())
        return bool(ways) and all(any(group in problem.closure_of(r) for r in usable[sid].requires) for sid in ways)

    needed, todo, relevant = set(), [target], {}
    groups, start = problem.projection.groups, problem.start
    while todo:
        m = todo.pop()
        if m in needed or m in start:
            continue
        needed.add(m)
        for member in groups.get(m, ()):
            if not after(member, m):
                todo.append(member)
            elif after_out is not None:
                after_out.add(member)
        for sid in by_achieved.get(m, ()):
            relevant[sid] = usable[sid]
            todo.extend(usable[sid].requires)
    return relevant
