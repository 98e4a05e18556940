namespace MlNetResNet.Serving.Http;

/// <summary><c>GET /</c>: the single-file page (Page/index.html, embedded) that uploads an image to /predict.</summary>
public static class PageRoute
{
    private static readonly Lazy<string> Html = new(() =>
    {
        using var stream = typeof(PageRoute).Assembly.GetManifestResourceStream("MlNetResNet.Serving.index.html")
            ?? throw new InvalidOperationException("The page resource is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/", () => Results.Text(Html.Value, "text/html; charset=utf-8"));
}
