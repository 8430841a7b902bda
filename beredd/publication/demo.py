"""Demo watches: the bakery follows bread in Skåne and lots reserved for small firms."""

from beredd.publication.services import watch_create


def load(context: dict) -> None:
    baker = context["users"].get("bageri-anbud")
    if baker is None:
        return
    watch_create(user=baker, name="Bröd i Skåne", query="category=bread&region=Skåne")
    watch_create(user=baker, name="Delområden för små företag", query="sme_reserved=true")
