"""Rules shipped as configuration parameters (``party_cell.*``), never hard-coded.

The parameters carry the figures of the guidance documents (see data/); an administrator
changes them when new guidance arrives.
"""


def party_rule(env, key, default, cast=int):
    """The value of ``party_cell.<key>``, cast to its type, or ``default`` when unset."""
    # sudo: configuration parameters are readable by administrators only; these are the
    # agency's published rules, read by every user's actions.
    value = env["ir.config_parameter"].sudo().get_param(f"party_cell.{key}")
    return cast(value) if value else default


def party_share(env, key, default="2/3"):
    """A share such as ``2/3`` from ``party_cell.<key>``, as (numerator, denominator)."""
    raw = party_rule(env, key, default, str)
    numerator, _sep, denominator = raw.partition("/")
    return int(numerator), int(denominator or 1)


def share_reached(votes_for, total, share):
    """Whether ``votes_for`` out of ``total`` reach the share (numerator, denominator)."""
    numerator, denominator = share
    return bool(total) and votes_for * denominator >= total * numerator
