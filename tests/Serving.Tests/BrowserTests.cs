using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlNetResNet.Serving.Tests.Support;

namespace MlNetResNet.Serving.Tests;

/// <summary>
/// The page in a real headless browser: Debian's chromium (scripts/install-test-deps.sh installs it), driven by
/// Playwright with <c>ExecutablePath</c> (Playwright's own browser download cannot run offline). It loads <c>/</c>,
/// chooses an image file and must show the class the server predicts for it, with a bar per class.
/// </summary>
[Collection(ServedModelsCollection.Name)]
public sealed class BrowserTests(ServedModels models)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_page_uploads_a_chosen_image_and_shows_the_predicted_class_with_a_bar_per_class()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run scripts/install-test-deps.sh (apt package chromium).");
        await using var app = ServingHost.Build(new ServingOptions { Model = models.ModelA, Port = 0 });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        await WaitReadyAsync(client);
        string image = models.ValidationImages[1];
        string expected = await PredictedClassAsync(client, image);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(address + "/");
        await page.SetInputFilesAsync("#file", image);
        var predicted = page.Locator("#predicted");
        await Assertions.Expect(predicted).Not.ToBeEmptyAsync(new LocatorAssertionsToBeEmptyOptions { Timeout = 30_000 });
        Assert.Equal(expected, await predicted.TextContentAsync());
        Assert.Equal(models.ClassNames.Count, await page.Locator("#bars .row").CountAsync());
        Assert.Equal(expected, await page.Locator("#bars .row.best").GetAttributeAsync("data-label"));
        Assert.Equal("", await page.Locator("#error").TextContentAsync());
        await app.StopAsync();
    }

    private static async Task WaitReadyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!(await client.GetAsync("/v2/health/ready")).IsSuccessStatusCode)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The server did not load the model within 60 s.");
            await Task.Delay(50);
        }
    }

    private static async Task<string> PredictedClassAsync(HttpClient client, string image)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(File.ReadAllBytes(image)), "image", Path.GetFileName(image) } };
        var response = await client.PostAsync("/predict", form);
        response.EnsureSuccessStatusCode();
        return System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["predictions"]![0]!["label"]!.GetValue<string>();
    }
}
