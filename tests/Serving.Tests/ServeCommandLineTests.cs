using MlNetResNet.Demo.Cli;

namespace MlNetResNet.Serving.Tests;

/// <summary>The demo's <c>serve</c> and <c>export</c> flags, as the README documents them (scripts depend on them).</summary>
public sealed class ServeCommandLineTests
{
    private static readonly DemoCommandLine CommandLine = new((_, _) => Task.FromResult(0));

    [Fact]
    public void Serve_takes_the_model_and_defaults_to_port_8080_batch_16_delay_5_ms_and_loopback()
    {
        var request = Assert.IsType<ServeRequest>(CommandLine.ToRequest(CommandLine.Parse(["serve", "--model", "m.zip"])));
        Assert.Equal(new ServeRequest("m.zip", 8080, null, 16, 5, "127.0.0.1", false), request);
        Assert.Equal("m", new ServingOptions { Model = "dir/m.zip" }.EffectiveName);
    }

    [Fact]
    public void Serve_reads_every_flag()
    {
        var request = CommandLine.ToRequest(CommandLine.Parse(
            ["serve", "--model", "m.zip", "--port", "9000", "--name", "flowers", "--max-batch", "1", "--max-delay-ms", "0", "--host", "0.0.0.0"]));
        Assert.Equal(new ServeRequest("m.zip", 9000, "flowers", 1, 0, "0.0.0.0", false), request);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("serve --model m.zip --max-batch 0")]
    [InlineData("serve --model m.zip --port 70000")]
    [InlineData("serve --model m.zip --max-delay-ms -1")]
    [InlineData("export --model m.zip")]
    public void Bad_serve_and_export_command_lines_are_parse_errors(string line) =>
        Assert.NotEmpty(CommandLine.Parse(line.Split(' ')).Errors);

    [Fact]
    public void Export_takes_triton_onnx_name_and_max_batch_defaulting_to_64()
    {
        var request = CommandLine.ToRequest(CommandLine.Parse(["export", "--model", "m.zip", "--triton", "repo"]));
        Assert.Equal(new ExportRequest("m.zip", "repo", null, null, 64, false), request);
        request = CommandLine.ToRequest(CommandLine.Parse(["export", "--model", "m.zip", "--onnx", "m.onnx", "--triton", "r", "--name", "n", "--max-batch", "8"]));
        Assert.Equal(new ExportRequest("m.zip", "r", "m.onnx", "n", 8, false), request);
    }
}
