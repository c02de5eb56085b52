"""The player page in a real headless Chromium on a phone-sized, touch screen, against a real
server on 127.0.0.1: what a player sees and taps, from the QR link to the podium."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import CHROMIUM, Phone, PhoneFactory
from tests.integration.wire import Client, Running, host, host_state_where, join
from tests.kit.player_page import (
    PLANETS,
    ada_at_the_first_question,
    answer_sent,
    in_lobby,
    join_as,
    joined_phone,
    on_to_question,
    player_id_of,
    put_in_order,
    question_heading,
    revealed,
    set_slider,
    tap_choice,
    until,
)

pytestmark = [
    pytest.mark.asyncio(loop_scope="session"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]


# ---- Joining ---------------------------------------------------------------------------


async def test_join_from_the_qr_link_needs_only_a_nickname(
    phones: PhoneFactory, game: Running
) -> None:
    phone = await phones()
    page = phone.page
    await expect(page.get_by_label("Game PIN")).to_have_value(game.pin)
    await phone.shot("player-join")
    await join_as(phone, "Ada")
    await in_lobby(phone, "Ada")
    await expect(page.locator("#lobby-count")).to_have_text("1 player has joined")
    await phone.shot("player-lobby")

    boss = await host(game)
    state = await host_state_where(boss, lambda f: len(f["players"]) == 1)
    assert [p["name"] for p in state["players"]] == ["Ada"]
    assert await page.evaluate(f"localStorage.getItem('quizhost:{game.pin}')")
    await boss.close()


async def test_taken_name_and_wrong_pin_are_explained_and_can_be_fixed(
    phones: PhoneFactory, game: Running
) -> None:
    other, _ = await join(game, "Ada")
    phone = await phones("/")
    page = phone.page
    await expect(page.get_by_label("Game PIN")).to_have_value("")

    await page.get_by_label("Game PIN").fill("000000")
    await page.get_by_label("Your nickname").fill("ada")
    await page.get_by_role("button", name="Join").tap()
    await expect(page.locator("#pin-error")).to_have_text(
        "That PIN does not match a game. Check the PIN on the big screen."
    )
    await expect(page.get_by_label("Game PIN")).to_have_attribute("aria-invalid", "true")

    await page.get_by_label("Game PIN").fill(game.pin)
    await page.get_by_role("button", name="Join").tap()
    await expect(page.locator("#name-error")).to_have_text(
        "Someone already has that nickname. Try another one."
    )
    await expect(page.locator("#pin-error")).to_have_text("")
    await phone.shot("player-name-taken")

    await page.get_by_label("Your nickname").fill("Ada 2")
    await page.get_by_role("button", name="Join").tap()
    await in_lobby(phone, "Ada 2")
    # The PIN typed by hand is now in the address, so a reload finds the player again.
    assert page.url.endswith(f"/?pin={game.pin}")
    assert game.session.player_count == 2
    await other.close()


async def test_a_lost_place_leads_back_to_the_join_form_with_a_message(
    phones: PhoneFactory, game: Running
) -> None:
    phone = await phones()
    page = phone.page
    await page.evaluate(f"localStorage.setItem('quizhost:{game.pin}', 'not-a-token')")
    await page.reload()
    await expect(page.get_by_role("alert")).to_have_text(
        "Your place in the game was lost, join again."
    )
    assert await page.evaluate(f"localStorage.getItem('quizhost:{game.pin}')") is None
    await join_as(phone, "Bea")
    await in_lobby(phone, "Bea")


# ---- A whole game of every kind ----------------------------------------------------------


async def test_a_whole_game_of_every_kind_played_by_touch(
    phones: PhoneFactory, game: Running
) -> None:
    phone = await joined_phone(phones, "Ada")
    page = phone.page
    # Two classmates playing by script, for the counts. They read only the first question,
    # so their queues are unbounded: a full queue would stall their close handshake.
    bob, _ = await join(game, "Bob", max_queue=None)
    cat, _ = await join(game, "Cat", max_queue=None)
    await expect(page.locator("#lobby-count")).to_have_text("3 players have joined")
    boss = await host(game)
    await host_state_where(boss, lambda f: len(f["players"]) == 3)

    await boss.send(type="start")
    await expect(question_heading(page, "Capital of Australia?")).to_be_visible()
    # Another program holds the database's write lock (for less than the store's busy
    # timeout): the first answer's durable write waits, and the page waits for its ack.
    other = sqlite3.connect(game.db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    await expect(page.locator("#question-number")).to_have_text("Question 1 of 7")
    await expect(page.get_by_role("timer")).to_have_text("20")  # counting down from 20 s
    await phone.shot("player-question-choice")
    await tap_choice(page, "Canberra")
    await expect(page.get_by_role("status").filter(has_text="Sending…")).to_be_visible()
    await expect(page.get_by_role("button", name="Sydney")).to_be_disabled()
    await asyncio.sleep(0.3)
    await expect(page.get_by_role("status").filter(has_text="Sending…")).to_be_visible()
    other.execute("ROLLBACK")
    other.close()
    await answer_sent(page)
    for classmate, choice in ((bob, 0), (cat, 1)):
        question = await classmate.expect("question")
        await classmate.send(type="answer", question=question["index"], choice=choice)
        await classmate.expect("answer_ack")
    await phone.shot("player-answer-sent")

    await revealed(page, boss, "Correct!")
    points = int((await page.locator("#reveal-points").text_content() or "").strip("+,"))
    assert 500 <= points <= 1000
    await expect(page.locator("#reveal-rank")).to_have_text(f"You are 1st with {points} points")
    await expect(page.locator("#reveal-explanation")).to_have_text(
        "Canberra was built as a compromise."
    )
    await expect(page.locator(".count-text")).to_have_text(["Sydney", "Canberra", "Melbourne"])
    await expect(page.locator(".count-n")).to_have_text(["1", "2", "0"])
    await expect(page.locator(".count.right .count-text")).to_have_text("Canberra")
    await phone.shot("player-reveal-correct")

    await boss.send(type="next")
    await expect(page.get_by_role("heading", name="Leaderboard")).to_be_visible()
    await expect(page.locator("#leaderboard-you")).to_have_text(f"You are 1st with {points} points")
    await expect(page.locator(".rank-row.mine")).to_have_text(f"1Ada{points}")
    await expect(page.locator(".rank-row")).to_have_count(3)
    await phone.shot("player-leaderboard")

    # Multiple choice: select two, then Submit; the second pick is a wrong one.
    await boss.send(type="next")
    await expect(question_heading(page, "Which are prime?")).to_be_visible()
    submit = page.get_by_role("button", name="Submit answer")
    await expect(submit).to_be_disabled()
    await tap_choice(page, "2")
    await tap_choice(page, "4")
    await tap_choice(page, "4")  # changed her mind
    await tap_choice(page, "3")
    await expect(page.get_by_role("button", name="2", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    await expect(page.get_by_role("button", name="4", exact=True)).to_have_attribute(
        "aria-pressed", "false"
    )
    await phone.shot("player-question-multiple")
    await submit.tap()
    await answer_sent(page)
    await revealed(page, boss, "Correct!")
    await expect(page.locator("#reveal-streak")).to_have_text("Answer streak: 2")
    await phone.shot("player-reveal-streak")

    # True/false, double points, answered wrong.
    await on_to_question(page, boss, "The Sun is a star.")
    await expect(page.locator("#question-points")).to_have_text("Double points")
    await phone.shot("player-question-true-false")
    await tap_choice(page, "False")
    await answer_sent(page)
    await revealed(page, boss, "Not quite")
    await expect(page.locator("#reveal-points")).to_have_text("+0")
    await expect(page.locator(".count.right .count-text")).to_have_text("True")
    await expect(page.locator(".count.right .count-n")).to_have_text("0")
    await phone.shot("player-reveal-wrong")

    # Type the answer: the field, the phone keyboard, Enter.
    await on_to_question(page, boss, "Chemical symbol of gold?")
    await page.get_by_label("Your answer").tap()
    await page.keyboard.type("au")
    await phone.shot("player-question-type")
    await page.keyboard.press("Enter")
    await answer_sent(page)
    await revealed(page, boss, "Correct!")
    await expect(page.locator("#reveal-correct")).to_have_text("Au")

    # Slider.
    await on_to_question(page, boss, "Apollo 11 landed in?")
    await expect(page.locator(".slider-value")).to_have_text("1975")
    await set_slider(page, 1969)
    await phone.shot("player-question-slider")
    await page.get_by_role("button", name="Submit answer").tap()
    await answer_sent(page)
    await revealed(page, boss, "Correct!")
    await expect(page.locator("#reveal-correct")).to_have_text("1969")

    # Order: tap to move, and the arrows.
    await on_to_question(page, boss, "Planets from the Sun")
    await expect(page.locator(".order-text")).to_have_count(4)
    await put_in_order(page, PLANETS)
    await phone.shot("player-question-order")
    await page.get_by_role("button", name="Submit answer").tap()
    await answer_sent(page)
    await revealed(page, boss, "Correct!")
    await expect(page.locator("#reveal-correct")).to_have_text("Mercury → Venus → Earth → Mars")

    # Poll: no right answer, no points.
    await on_to_question(page, boss, "Favourite subject?")
    await expect(page.locator("#question-points")).to_have_text("No points")
    await tap_choice(page, "Art")
    await answer_sent(page)
    await revealed(page, boss, "Thanks for voting!")
    await expect(page.locator(".count", has_text="Art").locator(".count-n")).to_have_text("1")
    await phone.shot("player-reveal-poll")

    await boss.send(type="next")  # leaderboard
    await boss.send(type="next")  # podium
    await expect(page.get_by_role("heading", name="Podium")).to_be_visible()
    final = await host_state_where(boss, lambda f: f["state"] == "podium")
    scores = {p["name"]: p["score"] for p in final["players"]}
    score = scores["Ada"]
    await expect(page.locator("#podium-list li")).to_have_text(
        [f"1stAda{score:,} pts", f"2ndCat{scores['Cat']:,} pts", "3rdBob0 pts"]
    )
    await expect(page.locator("#podium-you")).to_have_text(
        f"You won! You finished 1st with {score:,} points"
    )
    await phone.shot("player-podium")
    await boss.send(type="next")
    await expect(page.get_by_role("heading", name="Game over")).to_be_visible()
    await phone.shot("player-ended")
    for client in (boss, bob, cat):
        await client.close()


# ---- Connection --------------------------------------------------------------------------


async def test_a_reload_mid_question_comes_back_as_the_same_player(
    phones: PhoneFactory, game: Running
) -> None:
    phone, boss = await ada_at_the_first_question(phones, game)
    page = phone.page

    await page.reload()
    await expect(question_heading(page, "Capital of Australia?")).to_be_visible()
    await expect(page.get_by_role("button", name="Canberra")).to_be_enabled()
    await expect(page.locator("#me")).to_have_text("Ada")
    assert game.session.player_count == 1

    await tap_choice(page, "Sydney")
    await answer_sent(page)
    await page.reload()  # after answering: still "Answer sent", nothing to tap again
    await answer_sent(page)
    await expect(page.get_by_role("button", name="Canberra")).to_be_disabled()

    state = await host_state_where(boss, lambda f: f.get("answered") == 1)
    assert [(p["name"], p["connected"]) for p in state["players"]] == [("Ada", True)]
    assert game.session.player_count == 1
    await boss.close()


async def test_a_reload_during_the_reveal_still_shows_the_right_answer(
    phones: PhoneFactory, game: Running
) -> None:
    """The reveal frame repeats the question, so a reloaded phone marks the right choice."""
    phone, boss = await ada_at_the_first_question(phones, game)
    page = phone.page
    await tap_choice(page, "Canberra")
    await answer_sent(page)
    await revealed(page, boss, "Correct!")
    await page.reload()
    await expect(page.locator("#reveal-title")).to_have_text("Correct!")
    await expect(page.locator("#reveal-counts li.right")).to_contain_text("Canberra")
    await boss.close()


async def test_a_dropped_connection_recovers_and_an_answer_made_offline_gets_through(
    phones: PhoneFactory, game: Running
) -> None:
    phone, boss = await ada_at_the_first_question(phones, game)
    phone.allow_console_error(r"WebSocket connection to 'ws://127\.0\.0\.1:\d+/ws/play' failed")
    page = phone.page
    banner = page.get_by_text("Reconnecting…")
    await expect(banner).to_be_hidden()

    (player_id,) = game.session.links
    await phone.context.set_offline(True)
    await game.session.links[player_id].close(1001)
    await expect(banner).to_be_visible()
    await phone.shot("player-reconnecting")
    await asyncio.sleep(1.5)  # a few reconnect attempts fail meanwhile
    await expect(banner).to_be_visible()
    await tap_choice(page, "Canberra")
    await expect(page.get_by_role("status").filter(has_text="Sending…")).to_be_visible()

    await phone.context.set_offline(False)
    await expect(banner).to_be_hidden()
    await answer_sent(page)
    await expect(question_heading(page, "Capital of Australia?")).to_be_visible()
    state = await host_state_where(boss, lambda f: f.get("answered") == 1)
    assert [(p["name"], p["connected"]) for p in state["players"]] == [("Ada", True)]
    assert game.session.player_count == 1
    await revealed(page, boss, "Correct!")
    await boss.close()


async def test_the_server_going_away_is_survived_without_the_page_losing_its_place(
    phones: PhoneFactory, game: Running
) -> None:
    phone = await joined_phone(phones, "Ada")
    page = phone.page
    (player_id,) = game.session.links
    first = game.session.links[player_id]
    await first.close(1001)
    await until(lambda: game.session.links.get(player_id) not in (None, first))
    await expect(page.locator("#banner")).to_be_hidden()
    await expect(page.get_by_role("heading", name="You're in!")).to_be_visible()
    assert game.session.player_count == 1


async def test_a_second_page_of_the_same_player_replaces_the_first(
    phones: PhoneFactory, game: Running
) -> None:
    phone = await joined_phone(phones, "Ada")
    second = await phone.context.new_page()
    await second.goto(phone.page.url)
    await expect(second.get_by_role("heading", name="You're in!")).to_be_visible()
    await expect(
        phone.page.get_by_role("heading", name="You opened the game somewhere else")
    ).to_be_visible()
    await phone.shot("player-replaced")
    await asyncio.sleep(1.2)  # and it stays that way: no reconnecting, no fight
    await expect(second.get_by_role("heading", name="You're in!")).to_be_visible()
    assert game.session.player_count == 1
    await second.close()


async def test_a_kicked_player_sees_a_final_screen_and_does_not_come_back(
    phones: PhoneFactory, game: Running
) -> None:
    phone = await joined_phone(phones, "Max")
    page = phone.page
    boss = await host(game)
    await boss.send(type="kick", player_id=await player_id_of(boss, "Max"))
    await expect(page.get_by_role("heading", name="You were removed from the game")).to_be_visible()
    await phone.shot("player-kicked")
    assert await page.evaluate(f"localStorage.getItem('quizhost:{game.pin}')") is None
    await asyncio.sleep(1.2)  # no reconnect: still the kicked screen, nobody came back
    await expect(page.get_by_role("heading", name="You were removed from the game")).to_be_visible()
    assert not game.session.links
    await boss.close()


async def test_pause_and_added_time_move_the_countdown(phones: PhoneFactory, game: Running) -> None:
    phone, boss = await ada_at_the_first_question(phones, game)
    page = phone.page
    await boss.send(type="pause")
    await expect(page.get_by_text("Paused: the teacher stopped the clock.")).to_be_visible()
    frozen = await page.get_by_role("timer").text_content()
    await asyncio.sleep(1.2)
    await expect(page.get_by_role("timer")).to_have_text(frozen or "")
    await phone.shot("player-paused")
    await boss.send(type="resume")
    await expect(page.get_by_text("Paused: the teacher stopped the clock.")).to_be_hidden()
    before = int(await page.get_by_role("timer").text_content() or 0)
    await boss.send(type="add_time", ms=30_000)
    await until(lambda: timer_above(page, before + 25))
    await boss.close()


async def timer_above(page: Page, seconds: int) -> bool:
    return int(await page.get_by_role("timer").text_content() or 0) > seconds


# ---- The console's rough edges, seen on the phone ----------------------------------------


async def test_more_time_while_paused_keeps_the_phone_paused(
    phones: PhoneFactory, game: Running
) -> None:
    """The teacher adds time during a pause: the phone shows the new time, still frozen."""
    phone, boss = await ada_at_the_first_question(phones, game)
    page = phone.page
    paused = page.get_by_text("Paused: the teacher stopped the clock.")
    await boss.send(type="pause")
    await expect(paused).to_be_visible()
    frozen = int(await page.get_by_role("timer").text_content() or 0)
    await boss.send(type="add_time", ms=10_000)
    await expect(page.locator("#announce")).to_have_text("More time!")
    await expect(page.get_by_role("timer")).to_have_text(str(frozen + 10))
    await asyncio.sleep(1.5)
    await expect(paused).to_be_visible()
    await expect(page.get_by_role("timer")).to_have_text(str(frozen + 10))
    await boss.send(type="resume")
    await expect(paused).to_be_hidden()
    await until(lambda: timer_below(page, frozen + 10))
    await boss.close()


async def timer_below(page: Page, seconds: int) -> bool:
    return int(await page.get_by_role("timer").text_content() or 0) < seconds


async def to_the_multiple_choice_question(phone: Phone, boss: Client) -> None:
    """From the first question (unanswered) to the second, "Which are prime?"."""
    await revealed(phone.page, boss, "No answer this time")
    await phone.shot("player-reveal-no-answer")
    await on_to_question(phone.page, boss, "Which are prime?")


async def test_a_reload_keeps_an_unsubmitted_multiple_choice_selection(
    phones: PhoneFactory, game: Running
) -> None:
    """Chosen but not submitted survives a reload, until the question closes."""
    phone, boss = await ada_at_the_first_question(phones, game)
    page = phone.page
    await to_the_multiple_choice_question(phone, boss)
    await tap_choice(page, "2")
    await tap_choice(page, "3")
    await page.reload()
    await expect(question_heading(page, "Which are prime?")).to_be_visible()
    for choice, pressed in (("2", "true"), ("3", "true"), ("4", "false")):
        button = page.get_by_role("button", name=choice, exact=True)
        await expect(button).to_have_attribute("aria-pressed", pressed)
    await expect(page.get_by_role("button", name="Submit answer")).to_be_enabled()

    await boss.send(type="skip")  # the question closes unsubmitted: the selection is dropped
    await expect(page.locator("#reveal-title")).to_have_text("No answer this time")
    assert await page.evaluate("sessionStorage.length") == 0
    await boss.close()


async def test_the_announcements_have_one_full_stop(phones: PhoneFactory, game: Running) -> None:
    """ "Correct!" and "Thanks for voting!" are not followed by a second full stop."""
    phone, boss = await ada_at_the_first_question(phones, game)
    page = phone.page
    await tap_choice(page, "Canberra")
    await answer_sent(page)
    await revealed(page, boss, "Correct!")
    said = await page.locator("#announce").text_content() or ""
    assert said.startswith("Correct! The right answer: Canberra. You are 1st with "), said
    assert "!." not in said and ".." not in said, said
    await boss.close()


async def test_partial_credit_says_partly_right(phones: PhoneFactory, game: Running) -> None:
    """One of two primes picked and no wrong one: some points, and the phone says "Partly
    right" (not "Not quite" beside "+445"), in words and to a screen reader."""
    phone, boss = await ada_at_the_first_question(phones, game)
    page = phone.page
    await to_the_multiple_choice_question(phone, boss)
    await tap_choice(page, "2")
    await page.get_by_role("button", name="Submit answer").tap()
    await answer_sent(page)
    await revealed(page, boss, "Partly right")
    gained = await page.locator("#reveal-points").text_content() or ""
    assert gained.startswith("+") and gained != "+0", gained
    said = await page.locator("#announce").text_content() or ""
    assert said.startswith("Partly right."), said
    await boss.close()
