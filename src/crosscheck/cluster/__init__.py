"""Story clustering: which articles report the same event (online, one article at a time)."""
from crosscheck.cluster.online import (ClusterSettings, StateRow, StoryClusterer, cluster_articles,
                                       order_for_clustering)

__all__ = ["ClusterSettings", "StateRow", "StoryClusterer", "cluster_articles",
           "order_for_clustering"]
