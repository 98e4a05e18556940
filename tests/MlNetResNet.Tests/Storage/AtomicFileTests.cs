using MlNetResNet.Pipelines.IO;
using MlNetResNet.Pipelines;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Storage;

public class AtomicFileTests
{
    [Fact]
    public void AWriterThatFailsLeavesThePreviousFileAndNoTemporary()
    {
        using var temp = new TempFolder();
        string target = temp.File("model.zip");
        File.WriteAllText(target, "previous");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(target, (Stream stream) =>
        {
            stream.Write(new byte[4096]);
            throw new InvalidOperationException("the writer failed half way");
        }));

        Assert.Equal("previous", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void AWriteReplacesTheFileInANewFolder()
    {
        using var temp = new TempFolder();
        string target = temp.File("a/b/metrics.json");

        AtomicFile.WriteAllText(target, "{}");
        AtomicFile.WriteAllText(target, "{\"x\": 1}");

        Assert.Equal("{\"x\": 1}", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFileSystemEntries(temp.File("a/b")));
    }

    [Fact]
    public void RemovingStaleTemporariesDeletesOnlyThoseOfThatFile()
    {
        using var temp = new TempFolder();
        string target = temp.File("model.zip");
        string id = Guid.NewGuid().ToString("N");
        string stale = temp.File($".model.{id}.tmp.zip");
        string[] kept =
        [
            target,
            temp.File($".model.{id}.tmp.json"),      // another file's temporary
            temp.File($".other.{id}.tmp.zip"),       // another file's temporary
            temp.File(".model.not-a-hex-id-of-32-chars!.tmp.zip"),
            temp.File("model.zip.tmp"),              // not our naming
        ];
        foreach (string file in kept.Append(stale)) File.WriteAllText(file, "x");

        var removed = AtomicFile.RemoveStaleTemporaries(target);

        Assert.Equal([stale], removed);
        Assert.False(File.Exists(stale));
        Assert.All(kept, file => Assert.True(File.Exists(file), file));
    }

    [TmpfsFact]
    public void WritingPastAFullDiskThrowsDiskFullNamingTheFileAndKeepsThePreviousOne()
    {
        using var disk = new TmpfsMount(1 << 20);
        string target = disk.File("out/model.zip");
        AtomicFile.WriteAllText(target, "previous model");

        var error = Assert.Throws<DiskFullException>(() =>
            AtomicFile.Write(target, (Stream stream) => stream.Write(new byte[2 << 20])));

        Assert.Equal(target, error.Path);
        Assert.Contains(target, error.Message);
        Assert.Contains("disk space", error.Message);
        Assert.Equal("previous model", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFileSystemEntries(disk.File("out")));
    }
}
