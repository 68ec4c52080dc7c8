"""Pilot tests for every key path of the reader, asserting on state rather than on pixels."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input

from tests.app.conftest import make_story_with_dates
from tui.app.app import ParallaxApp
from tui.app.screens.compare import CompareScreen
from tui.app.screens.help import HelpScreen
from tui.app.widgets.pane_headers import PaneHeaders

AppFactory = Callable[..., ParallaxApp]
SIZE = (120, 36)


def screen_of(app: ParallaxApp) -> CompareScreen:
    screen = app.compare_screen
    assert screen is not None
    return screen


async def test_opens_on_first_source_with_cursor_on_its_first_sentence(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        assert screen.pivot_id == "a"
        assert screen.view.cursor_sentence == "a#0"
        headers = screen.query_one(PaneHeaders)
        assert "Alpha Daily" in headers.header_text(0)
        assert "Gamma Post" in headers.header_text(2)
        assert "2 shared" in headers.header_text(2)  # c#0 and c#2 are shared


async def test_j_k_and_arrows_move_by_sentence(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = screen_of(app).view
        await pilot.press("j")
        assert view.cursor_sentence == "a#1"
        await pilot.press("down", "down")
        assert view.cursor_sentence == "a#3"
        await pilot.press("k", "up")
        assert view.cursor_sentence == "a#1"


async def test_g_G_and_paging_reach_both_ends(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = screen_of(app).view
        await pilot.press("G")
        assert view.cursor_row == len(view.rows) - 1
        await pilot.press("g")
        assert view.cursor_row == 0
        await pilot.press("pagedown")
        assert view.cursor_row > 0
        await pilot.press("pageup")
        assert view.cursor_row == 0


async def test_tab_changes_pivot_and_keeps_the_claim(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("j")  # a#1, the "desperation" claim shared with b#2
        await pilot.press("tab")
        assert screen.pivot_id == "b"
        assert screen.view.cursor_sentence == "b#2"
        await pilot.press("shift+tab")
        assert screen.pivot_id == "a"
        assert screen.view.cursor_sentence == "a#1"


async def test_digits_pick_the_pivot(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("3")
        assert screen.pivot_id == "c"
        assert screen.view.cursor_sentence == "c#0"
        await pilot.press("9")  # no ninth source: nothing changes
        assert screen.pivot_id == "c"
        await pilot.press("1")
        assert screen.pivot_id == "a"


async def test_n_and_N_walk_divergent_sentences(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = screen_of(app).view
        await pilot.press("n")
        assert view.cursor_sentence == "a#3"  # the first sentence only one source has
        await pilot.press("n")
        assert view.cursor_sentence == "b#1"
        await pilot.press("N")
        assert view.cursor_sentence == "a#3"


async def test_s_and_S_walk_shared_sentences(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = screen_of(app).view
        await pilot.press("s")
        assert view.cursor_sentence == "a#1"
        await pilot.press("s")
        assert view.cursor_sentence == "a#2"
        await pilot.press("S", "S")
        assert view.cursor_sentence == "a#0"


async def test_brackets_walk_figures(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = screen_of(app).view
        await pilot.press("G")
        await pilot.press("left_square_bracket")
        assert view.cursor_sentence == "a#0"
        await pilot.press("right_square_bracket")  # no further figure: the cursor stays
        assert view.cursor_sentence == "a#0"


async def test_f_focuses_sidebar_and_enter_jumps_to_the_figure(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("G")
        await pilot.press("f")
        assert screen.sidebar.has_focus
        assert screen.sidebar.groups[0].conflict
        await pilot.press("enter")
        assert screen.view.cursor_sentence == "a#0"
        assert {"a#0", "b#0", "c#0"} <= screen.view.marked_sentences
        await pilot.press("f")
        assert screen.view.has_focus


async def test_enter_on_a_figure_puts_it_at_the_cursor_and_again_visits_the_next_source(
    make_app: AppFactory,
):
    app = make_app(comparison=make_story_with_dates())
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        sidebar, view = screen.sidebar, screen.view
        await pilot.press("f")
        sidebar.highlighted = sidebar.get_option_index("group-monday")
        await pilot.press("enter")
        assert (screen.pivot_id, view.cursor_sentence) == ("a", "a#2")  # in the pivot
        assert view.marked_figures == {"fig-mon-a", "fig-mon-c"}
        await pilot.press("enter")  # again: Gamma's Monday, same group
        assert view.cursor_sentence == "c#2" and view.cursor_column == 2
        await pilot.press("enter")
        assert view.cursor_sentence == "a#2"
        sidebar.highlighted = sidebar.get_option_index("group-tuesday")
        await pilot.press("enter")  # only Beta gives it: Beta becomes the pivot
        assert (screen.pivot_id, view.cursor_sentence) == ("b", "b#1")
        assert sidebar.has_focus  # Enter again keeps working from the sidebar


async def test_sidebar_rules_name_the_tiers_and_j_k_skip_them(make_app: AppFactory):
    app = make_app(comparison=make_story_with_dates())
    async with app.run_test(size=SIZE) as pilot:
        sidebar = screen_of(app).sidebar
        await pilot.press("f")
        prompts = [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]
        assert [
            p for p in prompts if "sources" in p or "one source" in p or "exact value" in p
        ] == [
            prompts[1],
            prompts[3],
            prompts[5],
        ]
        assert sidebar.highlighted_option is not None
        assert sidebar.highlighted_option.id == "group-troops"
        await pilot.press("j")
        assert sidebar.highlighted_option.id == "group-monday"  # the rule is skipped
        await pilot.press("k")
        assert sidebar.highlighted_option.id == "group-troops"


async def test_F_hides_and_shows_the_sidebar(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("F")
        assert not screen.sidebar.display
        await pilot.press("F")
        assert screen.sidebar.display


async def test_search_counts_hits_per_source_and_jumps(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("slash")
        assert screen.query_one("#search", Input).has_focus
        await pilot.press(*"desperation")
        assert screen.hits is not None
        assert screen.hits.per_article == {"a": 1, "b": 1, "c": 0}
        assert "/1" in screen.query_one(PaneHeaders).header_text(0)  # compact: 3 panes at 120
        await pilot.press("enter")
        assert screen.view.has_focus
        assert screen.view.cursor_sentence == "a#1"
        await pilot.press("slash", "escape")
        assert screen.hits is None


async def test_o_folds_rows_every_source_shares(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("j")
        await pilot.press("o")
        assert screen.fold_shared
        assert screen.view.rows[0].folded == 1  # a#0 + b#0 + c#0
        assert screen.view.cursor_sentence == "a#1"
        await pilot.press("o")
        assert not screen.fold_shared
        assert screen.view.rows[0].folded == 0


async def test_b_hides_page_furniture(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        assert screen.view.row_of("a#4") is not None
        await pilot.press("b")
        assert screen.view.row_of("a#4") is None


async def test_t_cycles_theme_and_remembers_it(make_app: AppFactory, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        before = app.theme
        await pilot.press("t")
        assert app.theme != before
        assert app.theme in app.theme_names
        assert f'theme: "{app.theme}"' in (tmp_path / "config.yaml").read_text()


async def test_theme_change_repaints_the_panes_in_the_new_colours(make_app: AppFactory):
    app = make_app(theme="parallax-dark")
    async with app.run_test(size=SIZE) as pilot:
        view = screen_of(app).view
        await pilot.pause()
        before = view._render_virtual_line(0)
        app.theme = "parallax-light"
        await pilot.pause()
        after = view._render_virtual_line(0)
        assert before.text == after.text
        assert [s.style for s in before] != [s.style for s in after]


async def test_sidebar_can_sit_on_the_left(make_app: AppFactory, tmp_path):
    (tmp_path / "config.yaml").write_text("sidebar: left\n")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        assert screen.sidebar.region.x == 0
        assert screen.view.region.x >= screen.sidebar.region.right


async def test_help_is_generated_from_bindings(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        described = dict((d, k) for k, d in app.screen.rows)
        assert described["Divergent"] == "n"
        assert "Search" in described and "Quit" in described
        await pilot.press("escape")
        assert isinstance(app.screen, CompareScreen)


async def test_keymap_rebinds_and_help_follows(make_app: AppFactory, tmp_path):
    (tmp_path / "config.yaml").write_text("keymap:\n  parallax.next_divergent: x\n")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        assert screen_of(app).view.cursor_sentence == "a#3"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert ("x", "Divergent") in app.screen.rows


async def test_q_quits(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_click_selects_a_sentence_in_another_pane(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = screen_of(app).view
        box = view.columns[2]
        await pilot.click("#aligned", offset=(box.x + 6, view._row_top[2]))
        assert view.cursor_sentence == "c#2"


async def test_narrow_terminal_pages_through_panes(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        screen = screen_of(app)
        await pilot.press("F")  # without the sidebar two panes fit
        await pilot.pause()
        assert screen.view.fitting == 2
        assert [box.article for box in screen.view.columns] == [0, 1]
        await pilot.press("l")
        assert [box.article for box in screen.view.columns] == [1, 2]
        assert screen.pivot_id == "b"
        await pilot.press("h")
        assert [box.article for box in screen.view.columns] == [0, 1]


async def test_palette_offers_reader_commands(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Pivot to source 2: Beta Wire" in titles
        assert "Toggle figures sidebar" in titles
        assert "Next theme" in titles


async def test_gutter_marks_shared_unique_and_conflict(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = screen_of(app).view
        first = "".join(segment.text for segment in view._render_virtual_line(0))
        assert "3●!" in first  # shared by three, figure in conflict
        unique_row = view._row_top[view.row_of("a#3")]
        assert "1◆" in "".join(s.text for s in view._render_virtual_line(unique_row))


async def test_m_follows_a_moved_claim_partner(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("2")  # pivot b: the Seoul claim (a#2, c#2) has no b sentence
        view = screen.view
        assert view.row_of("a#2") != view.row_of("c#2")
        assert "c#2" in view.moved
        view.move_cursor_to(view.row_of("a#2"))
        await pilot.press("m")
        assert view.cursor_sentence == "c#2"
        await pilot.press("m")
        assert view.cursor_sentence == "a#2"
