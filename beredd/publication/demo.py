"""Demo watches: the bakery follows bread tenders and lots reserved for small firms."""

from beredd.publication.services import watch_create


def load(context: dict) -> None:
    baker = context["users"].get("bageri-anbud")
    if baker is None:
        return
    watch_create(user=baker, name="Bröd till kök i Skåne", query="q=bröd")
    watch_create(user=baker, name="Delområden för små företag", query="sme_reserved=true")
