"""Rule families shared by the extractor's components, each in its own module.

A rule family reads the document state (token lists, mentions) and decides one kind of thing:
``places`` — regions and districts named with their generic noun ("Akmola region").
"""
