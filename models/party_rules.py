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
