"""Demo watch: the bakery follows bread tenders in the region reserved for small firms."""

from beredd.publication.models import Watch


def load(context: dict) -> None:
    baker = context["users"].get("bageri-anbud")
    if baker is None:
        return
    Watch.objects.create(user=baker, name="Bröd till kök i Skåne", query="q=br%C3%B6d")
    Watch.objects.create(user=baker, name="Delområden för små företag", query="sme_reserved=true")
