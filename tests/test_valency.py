"""The valency counts FI-STRUCT-001 asks where a participle attribute starts (selkeys.rules.valency)."""

from selkeys.rules.valency import MIN_TAKEN, prefers, share


def test_a_verb_takes_the_cases_its_dependents_mostly_stand_in():
    assert share("koskea", "par", MIN_TAKEN) > 0.5  # "asiaa koskeva"
    assert share("liittyä", "ill", MIN_TAKEN) > 0.5  # "asiaan liittyvä"
    # a participle is looked up by its base form, as Voikko names it
    assert share("koskeva", "par", MIN_TAKEN) == share("koskea", "par", MIN_TAKEN)


def test_a_goal_goes_with_the_verb_that_takes_it():
    assert prefers("liittää", "koskeva", "ill")  # "liittää [aloitteeseen] sitä koskevia"
    assert not prefers("liittää", "liittyvä", "ill")  # both take it: the participle keeps it
    assert not prefers("koskea", "liittyvä", "ill")  # the verb does not take it


def test_a_verb_seen_too_rarely_decides_nothing():
    assert share("ei-sellaista-verbiä", "ill", MIN_TAKEN) is None
    assert not prefers("ei-sellaista-verbiä", "koskeva", "ill")
