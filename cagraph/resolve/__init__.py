"""cagraph.resolve: one stable key per entity, however articles name it."""

from cagraph.resolve.resolver import EntityRef, Resolver, TitleRef

__all__ = ["EntityRef", "Resolver", "TitleRef"]
