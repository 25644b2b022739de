"""``/articles``: list, read, ingest (POST) and remove (DELETE); writes need the token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from starlette.concurrency import run_in_threadpool

from api.deps import CountriesDep, StoreDep, WriterDep
from api.filters import Since, Until, partial_date
from api.models.articles import ArticleDetail, Articles, Ingested, NewArticleIn
from api.paging import PagingDep
from api.problems import problem_responses
from api.services import articles as service
from api.writes import NewArticle

router = APIRouter(tags=["articles"])

ArticleId = Annotated[str, Path(min_length=1, max_length=128, description="the article's id")]


@router.get("/articles", responses=problem_responses(400, 404, 503))
def list_articles(
    store: StoreDep,
    codes: CountriesDep,
    paging: PagingDep,
    since: Since = None,
    until: Until = None,
    country: Annotated[
        str | None, Query(min_length=1, max_length=100, description="only those naming it")
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in the title")] = None,
) -> Articles:
    """The articles in the graph, newest first."""
    code = codes.resolve(country).iso2 if country else None
    return service.articles(
        store,
        paging,
        since=partial_date(since, "since"),
        until=partial_date(until, "until"),
        country=code,
        q=q,
    )


@router.get("/articles/{article_id}", responses=problem_responses(400, 404, 503))
def get_article(article_id: ArticleId, store: StoreDep, codes: CountriesDep) -> ArticleDetail:
    """One article: metadata, the entities it names, the ties it reports, its agreements and
    events with evidence, and when and with what its graph was built."""
    return service.article(store, codes, article_id)


@router.post(
    "/articles",
    status_code=201,
    responses={
        200: {"description": "an article with this id was replaced", "model": Ingested},
        **problem_responses(400, 401, 403, 413, 422, 503),
    },
)
async def post_article(body: NewArticleIn, writer: WriterDep, response: Response) -> Ingested:
    """Ingest an article (text or HTML): extract, store its graph (replacing one with the same
    id), refresh the ties, and answer with what was extracted. Needs the bearer token."""
    new = NewArticle(
        text=body.text,
        format="html" if body.format == "html" else "text",
        id=body.id,
        url=body.url,
        title=body.title,
        published=body.published,
    )
    result = await run_in_threadpool(writer.ingest, new)
    response.headers["Location"] = f"/articles/{result.article_id}"
    if result.replaced:
        response.status_code = 200
    return service.ingested(result)


@router.delete(
    "/articles/{article_id}",
    status_code=204,
    response_class=Response,
    responses=problem_responses(400, 401, 403, 404, 503),
)
async def delete_article(article_id: ArticleId, writer: WriterDep) -> Response:
    """Remove an article's graph and refresh the ties. Needs the bearer token."""
    await run_in_threadpool(writer.delete, article_id)
    return Response(status_code=204)
