using MlNetResNet.Tests.Pipelines;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Demo;

/// <summary>Bad input: one clear line on stderr, a non-zero exit, no stack trace unless --verbose.</summary>
public class ErrorMessageTests
{
    private static void AssertOneLineError(string workingDirectory, string expected, params string[] args)
    {
        var (exitCode, _, stderr) = DemoProcess.Run(workingDirectory, args);
        Assert.Equal(1, exitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void MissingDataFolder()
    {
        using var temp = new TempFolder();
        AssertOneLineError(temp.Path, "does not exist", "train", "--data", "nowhere");
    }

    [Fact]
    public void FolderWithOneClass()
    {
        using var temp = new TempFolder();
        ImageFolderTree.Classes(temp.File("d"), 3, "cats");
        AssertOneLineError(temp.Path, "only one class", "train", "--data", "d");
    }

    [Fact]
    public void EmptyFolder()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("empty"));
        AssertOneLineError(temp.Path, "no class folders", "train", "--data", "empty");
    }

    [Fact]
    public void MissingImageForPredict()
    {
        using var temp = new TempFolder();
        AssertOneLineError(temp.Path, "Image 'ghost.jpg' does not exist", "predict", "--model", "m.zip", "ghost.jpg");
    }

    [Fact]
    public void CorruptModelZip()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.File("model.zip"), Enumerable.Range(0, 3000).Select(i => (byte)(i * 7919 % 251)).ToArray());
        ImageFolderTree.Classes(temp.File("d"), 1, "a", "b");
        AssertOneLineError(temp.Path, "is not a readable ML.NET model", "evaluate", "--model", "model.zip", "--data", "d");
    }

    [Fact]
    public void VerboseAddsTheStackTrace()
    {
        using var temp = new TempFolder();
        var (exitCode, _, stderr) = DemoProcess.Run(temp.Path, "train", "--data", "nowhere", "--verbose");
        Assert.Equal(1, exitCode);
        Assert.Contains("   at ", stderr);
    }

    [Fact]
    public void SplitWritesTrainValAndClassIndices()
    {
        using var temp = new TempFolder();
        ImageFolderTree.Classes(temp.File("photos"), 10, "daisy", "roses");
        var (exitCode, stdout, stderr) = DemoProcess.Run(temp.Path, "split", "--data", "photos", "--out", "split", "--val-fraction", "0.2");
        Assert.True(exitCode == 0, stderr);
        Assert.Equal(8, Directory.GetFiles(temp.File("split/train/daisy")).Length);
        Assert.Equal(2, Directory.GetFiles(temp.File("split/val/roses")).Length);
        Assert.True(File.Exists(temp.File("split/class_indices.json")));
        Assert.DoesNotContain("\u001b[", stdout);
    }
}
